package io.tripwire.alert.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/**
 * Runs a test with {@link PlaceholderProviders} only: the global {@link ProviderStubs} resource (real-looking test
 * credentials) is switched off, so nothing else can make a channel live.
 */
public class PlaceholderProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PlaceholderProviders.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
