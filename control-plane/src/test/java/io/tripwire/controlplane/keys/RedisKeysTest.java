package io.tripwire.controlplane.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisKeysTest {

    private final RedisKeys keys = RedisKeys.withPrefix("");

    @Test
    void controlKeysAreTheRunbooksNamesWhenNoPrefixIsSet() {
        assertThat(keys.breakerState()).isEqualTo("circuit_breaker:state");
        assertThat(keys.breakerHistory()).isEqualTo("circuit_breaker:history");
        assertThat(keys.breakerResetRateLimit()).isEqualTo("cb_ratelimit:reset:global");
        assertThat(keys.killSwitchState()).isEqualTo("kill_switch:state");
        assertThat(keys.reconciliationState()).isEqualTo("reconciliation:state");
    }

    @Test
    void perSymbolAndPerScopeKeysFollowTheDesign() {
        assertThat(keys.quarantine("*", "aapl")).isEqualTo("quarantine:*:AAPL");
        assertThat(keys.quarantine("momentum-1", "BTCUSD")).isEqualTo("quarantine:momentum-1:BTCUSD");
        assertThat(keys.exposure("msft")).isEqualTo("exposure:MSFT");
        assertThat(keys.orderRateLimit("global")).isEqualTo("ratelimit:orders:global");
        assertThat(keys.idempotency("c-123")).isEqualTo("idem:c-123");
        assertThat(keys.marketDataLast("spy")).isEqualTo("md:last:SPY");
        assertThat(keys.heartbeat("execution-gateway", "host-1")).isEqualTo("heartbeat:execution-gateway:host-1");
    }

    @Test
    void reconcilerKeysAreFixedNamesUnderThePrefix() {
        assertThat(keys.reconcilerLease()).isEqualTo("reconciler:lease");
        assertThat(keys.reconcilerFencing()).isEqualTo("reconciler:fencing");
        assertThat(keys.reconcilerRunRequested()).isEqualTo("reconciler:run-requested");
        assertThat(RedisKeys.withPrefix("cp:v1:").reconcilerLease()).isEqualTo("cp:v1:reconciler:lease");
    }

    @Test
    void streamsAndChannelsFollowTheDesign() {
        assertThat(keys.marketDataBars()).isEqualTo("md:bars");
        assertThat(keys.alertsStream()).isEqualTo("alerts:stream");
        assertThat(keys.orderEvents()).isEqualTo("orders:events");
        assertThat(keys.configChangedChannel()).isEqualTo("config:changed");
        assertThat(keys.apiKeysRevokedChannel()).isEqualTo("apikeys:revoked");
    }

    @Test
    void alertRouterKeysFollowTheDesign() {
        assertThat(RedisKeys.ALERTS_CONSUMER_GROUP).isEqualTo("alert-router");
        assertThat(keys.alertRateLimitChannel("sms", 29_000_000L)).isEqualTo("alert_ratelimit:channel:sms:29000000");
        assertThat(keys.alertRateLimitRecipient("email", "0a1b2c3d4e5f6789", 480_000L))
                .isEqualTo("alert_ratelimit:recipient:email:0a1b2c3d4e5f6789:480000");
        assertThat(keys.alertRateLimitGlobal(7L)).isEqualTo("alert_ratelimit:global:7");
        assertThat(RedisKeys.withPrefix("desk1:").alertRateLimitGlobal(7L)).isEqualTo("desk1:alert_ratelimit:global:7");
        assertThatThrownBy(() -> keys.alertRateLimitRecipient("sms", "a:b", 1L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPrefixGoesInFrontOfEveryName() {
        RedisKeys prefixed = RedisKeys.withPrefix("desk1:");
        assertThat(prefixed.breakerState()).isEqualTo("desk1:circuit_breaker:state");
        assertThat(prefixed.quarantine("*", "AAPL")).isEqualTo("desk1:quarantine:*:AAPL");
        assertThat(prefixed.apiKeysRevokedChannel()).isEqualTo("desk1:apikeys:revoked");
        assertThat(prefixed.logical("desk1:kill_switch:state")).isEqualTo("kill_switch:state");
        assertThat(prefixed.physical("kill_switch:state")).isEqualTo("desk1:kill_switch:state");
    }

    @Test
    void segmentsThatCouldForgeAnotherKeyAreRefused() {
        assertThatThrownBy(() -> keys.quarantine("a:b", "AAPL")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.idempotency("x y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.marketDataLast("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.exposure(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisKeys.withPrefix("desk1:").logical("desk2:kill_switch:state"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
