package io.tripwire.papervenue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;

/** {@link PaperVenueConfig} with its documented defaults, for plain unit tests (no Quarkus). */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static PaperVenueConfig defaults() {
        return new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(PaperVenueConfig.class)
                .build()
                .getConfigMapping(PaperVenueConfig.class);
    }
}
