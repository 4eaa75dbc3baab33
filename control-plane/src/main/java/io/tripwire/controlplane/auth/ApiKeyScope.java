package io.tripwire.controlplane.auth;

import java.util.Arrays;
import java.util.Optional;

/** API-key scopes (DESIGN.md §9). Their values are the role names used in {@code @RolesAllowed}. */
public enum ApiKeyScope {
    ORDERS_READ(Names.ORDERS_READ),
    ORDERS_WRITE(Names.ORDERS_WRITE),
    BREAKER_TRIP(Names.BREAKER_TRIP),
    BREAKER_RESET(Names.BREAKER_RESET),
    KILLSWITCH(Names.KILLSWITCH),
    ALERTS_ADMIN(Names.ALERTS_ADMIN),
    CONFIG_WRITE(Names.CONFIG_WRITE),
    KEYS_ADMIN(Names.KEYS_ADMIN),
    AUDIT_READ(Names.AUDIT_READ),
    ARTIFACTS_APPROVE(Names.ARTIFACTS_APPROVE);

    /** Compile-time constants for annotations. */
    public static final class Names {
        public static final String ORDERS_READ = "orders:read";
        public static final String ORDERS_WRITE = "orders:write";
        public static final String BREAKER_TRIP = "breaker:trip";
        public static final String BREAKER_RESET = "breaker:reset";
        public static final String KILLSWITCH = "killswitch";
        public static final String ALERTS_ADMIN = "alerts:admin";
        public static final String CONFIG_WRITE = "config:write";
        public static final String KEYS_ADMIN = "keys:admin";
        public static final String AUDIT_READ = "audit:read";
        public static final String ARTIFACTS_APPROVE = "artifacts:approve";

        private Names() {
        }
    }

    private final String value;

    ApiKeyScope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<ApiKeyScope> fromValue(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
