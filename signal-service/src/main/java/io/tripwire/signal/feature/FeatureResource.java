package io.tripwire.signal.feature;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.security.Authenticated;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** The current rolling features of a symbol, as the bar decisions use them. */
@Path("/api/v1/features")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class FeatureResource {

    private final FeatureStore store;

    public FeatureResource(FeatureStore store) {
        this.store = store;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FeatureView(String symbol, int bars, int barsNeeded, Instant lastBarTs, Map<String, Double> features) {
    }

    @GET
    @Path("/{symbol}")
    public FeatureView show(@PathParam("symbol") String symbol) {
        String upper = symbol.toUpperCase(Locale.ROOT);
        FeatureWindow window = store.window(upper).orElseThrow(() -> new RejectException(RejectCode.NOT_FOUND,
                "no bars seen for " + upper, Map.of("symbol", upper)));
        return new FeatureView(upper, window.size(), FeatureWindow.SIZE, window.lastTs(), window.features().orElse(null));
    }
}
