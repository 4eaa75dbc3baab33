package io.tripwire.alert.channel;

import io.tripwire.alert.delivery.Delivery;

/** The words a person reads: one subject line and a short body, the same for every channel. */
public final class AlertText {

    private static final int SMS_MAX = 320;

    private AlertText() {
    }

    public static String subject(Delivery d) {
        String tag = d.resolve() ? "RESOLVED" : d.severity().name();
        return "[" + tag + "] " + d.summary() + " (" + d.source() + ")";
    }

    public static String body(Delivery d) {
        StringBuilder text = new StringBuilder(subject(d));
        text.append("\nalert ").append(d.alertId()).append(" · dedup key ").append(d.dedupKey())
                .append(" · created ").append(d.alertCreatedAt());
        if (d.detailsJson() != null && !"{}".equals(d.detailsJson())) {
            text.append("\ndetails: ").append(d.detailsJson());
        }
        return text.toString();
    }

    /** SMS: the subject only, cut to two segments. */
    public static String sms(Delivery d) {
        String subject = subject(d);
        return subject.length() <= SMS_MAX ? subject : subject.substring(0, SMS_MAX - 1) + "…";
    }
}
