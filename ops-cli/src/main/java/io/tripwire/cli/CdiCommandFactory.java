package io.tripwire.cli;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import jakarta.inject.Singleton;
import picocli.CommandLine;

/**
 * Lets picocli obtain commands from CDI (what the quarkus-picocli extension does). Classes that are not
 * beans, such as picocli's own help mixins, fall back to picocli's reflective factory.
 */
@Singleton
public class CdiCommandFactory implements CommandLine.IFactory {

    @Override
    public <K> K create(Class<K> type) throws Exception {
        InstanceHandle<K> bean = Arc.container().instance(type);
        return bean.isAvailable() ? bean.get() : CommandLine.defaultFactory().create(type);
    }
}
