package io.tripwire.controlplane.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** Settings of the shared control-plane library, common to every Tripwire service. */
@ConfigMapping(prefix = "tripwire")
public interface ControlPlaneConfig {

    /** Redis settings. */
    Redis redis();

    /** API-key authentication settings. */
    Auth auth();

    /** Control-state write settings. */
    @WithName("control-state")
    ControlState controlState();

    /** The venue (Alpaca wire protocol) every service that talks to it uses. */
    Venue venue();

    /** HTTP settings shared by every service. */
    Http http();

    /** Liveness heartbeats written for the health monitor. */
    Heartbeat heartbeat();

    /** Run-time risk configuration held in PostgreSQL (issue 11). */
    RiskConfig riskConfig();

    /** This process's instance id; defaults to host name + pid. */
    Optional<String> instanceId();

    interface Redis {
        /** Optional prefix in front of every key and channel; default none, so the runbooks' keys work. */
        Optional<String> prefix();
    }

    interface Venue {
        /** Alpaca-protocol base URL; default the local paper venue. A real Alpaca account works with its URL and keys. */
        @WithDefault("http://127.0.0.1:8090")
        java.net.URI baseUrl();

        /** {@code APCA-API-KEY-ID}; default the paper venue's dev key. */
        @WithDefault("paper-key")
        String keyId();

        /** {@code APCA-API-SECRET-KEY}; default the paper venue's dev secret. */
        @WithDefault("paper-secret")
        String secretKey();

        /** Time allowed for one venue call; a submit not answered in time leaves its order UNKNOWN. Default 5 s. */
        @WithDefault("5s")
        Duration requestTimeout();
    }

    interface Http {
        /** Largest request body accepted; a larger declared Content-Length is a 400. Default 64 KiB. */
        @WithDefault("65536")
        long maxBodyBytes();
    }

    interface Auth {
        /**
         * How long a verified key record is cached per replica. Revocations are pushed through
         * {@code apikeys:revoked} pub/sub; this bound holds even if a message is lost. Default 1 s.
         */
        @WithDefault("1s")
        Duration cacheTtl();

        /**
         * While PostgreSQL cannot be read, a key verified within this long is still accepted from this
         * replica's last verified record (so an operator can trip the breaker or kill trading during the
         * outage; everything that needs PostgreSQL still refuses with 503). A revocation message drops the
         * record at once. Zero disables the fallback: every request is 503 while PostgreSQL is down. Default 15 m.
         */
        @WithDefault("15m")
        Duration outageGrace();

        /**
         * Path prefixes this service authenticates itself instead of with API keys (e.g. the paper venue's
         * Alpaca {@code /v2/} API, which checks {@code APCA-API-*} headers). Default none. Such paths also
         * need a {@code quarkus.http.auth.permission.*} permit entry in the service's properties.
         */
        Optional<java.util.List<String>> selfAuthenticatedPaths();
    }

    interface ControlState {
        /** Interval of the background repair of a store that missed a safety-increasing write. Default 2 s. */
        @WithDefault("2s")
        Duration repairInterval();
    }

    interface Heartbeat {
        /** Time to live of {@code heartbeat:{service}:{instance}}, written every {@code tripwire.heartbeat.interval} (default 5 s). Default 15 s. */
        @WithDefault("15s")
        Duration ttl();
    }

    interface RiskConfig {
        /**
         * Safety-net reload of the risk configuration from PostgreSQL, for a lost {@code config:changed}
         * message or a row written with SQL; changes made through the API apply at once. Default 2 s.
         */
        @WithDefault("2s")
        Duration reloadInterval();
    }
}
