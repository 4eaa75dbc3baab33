package io.tripwire.reconciler.venue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

/** One Alpaca position from the targeted lookup; {@code qty} may be unsigned with {@code side} "short". */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
record ListedPosition(String symbol, BigDecimal qty, String side, BigDecimal avgEntryPrice) {

    BigDecimal signedQty() {
        if (qty == null) {
            return null;
        }
        return "short".equals(side) && qty.signum() > 0 ? qty.negate() : qty;
    }
}
