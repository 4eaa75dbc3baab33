package io.tripwire.gateway.breaker;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.control.ControlStateRepairs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Writes the secondary records of a breaker change (its {@code circuit_breaker_events} row, its history entry)
 * after the change itself is in force and audited. A record that fails never fails the change; a PostgreSQL
 * record is retried in the background until it lands, so a trip during a database outage is in the event
 * table once the database is back.
 */
@ApplicationScoped
public class BreakerRecords {

    private final ControlStateRepairs repairs;

    public BreakerRecords(ControlStateRepairs repairs) {
        this.repairs = repairs;
    }

    /** A PostgreSQL record: retried until written. */
    Uni<Void> durable(Supplier<Uni<Void>> write, String what) {
        return write.get().onFailure().invoke(e -> {
            Log.errorf("Breaker %s not written: %s; retrying in background", what, e.getMessage());
            repairs.scheduleRecord("breaker " + what, write);
        }).onFailure().recoverWithNull();
    }

    /** A Redis convenience record (the history key is rebuilt from PostgreSQL when lost): logged, not retried. */
    static Uni<Void> bestEffort(Uni<Void> write, String what) {
        return write.onFailure().invoke(e -> Log.errorf("Breaker %s not written: %s", what, e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
