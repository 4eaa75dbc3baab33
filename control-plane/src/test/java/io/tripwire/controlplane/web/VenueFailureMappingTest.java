package io.tripwire.controlplane.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.controlplane.reject.RejectBody;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.venue.VenueException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** A failed venue call behind a request is answered with the reject body and a status that says whether to retry. */
class VenueFailureMappingTest {

    private final RejectExceptionMappers mappers = new RejectExceptionMappers();

    @Test
    void aRefusalByTheVenueIs422VenueRejected() {
        Response response = mappers.venue(new VenueException(VenueException.Kind.REJECTED, 422, "order is not cancelable", null));

        assertThat(response.getStatus()).isEqualTo(422);
        RejectBody body = (RejectBody) response.getEntity();
        assertThat(body.code()).isEqualTo(RejectCode.VENUE_REJECTED.name());
        assertThat(body.message()).contains("order is not cancelable");
    }

    @Test
    void noAnswerOrAnAnswerInDoubtIs503VenueUnavailable() {
        for (VenueException.Kind kind : new VenueException.Kind[] {VenueException.Kind.OUTCOME_UNKNOWN, VenueException.Kind.NOT_SENT}) {
            Response response = mappers.venue(new VenueException(kind, 0, "connection refused", null));

            assertThat(response.getStatus()).isEqualTo(503);
            RejectBody body = (RejectBody) response.getEntity();
            assertThat(body.code()).isEqualTo(RejectCode.VENUE_UNAVAILABLE.name());
            assertThat(body.details()).containsEntry("kind", kind.name());
        }
    }
}
