package io.tripwire.signal.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tripwire.controlplane.artifact.ArtifactHash;
import org.junit.jupiter.api.Test;

/** Canonical payload JSON and the artifact hash. Plain JUnit: pure logic. */
class ArtifactHashTest {

    @Test
    void canonicalJsonSortsKeysAtEveryLevelAndHasNoWhitespace() {
        String canonical = ArtifactHash.canonicalJson(ArtifactHash.parse("""
                { "z": 1, "a": { "y": [ 3, {"d": 1, "c": 2} ], "b": "x y" } }"""));
        assertThat(canonical).isEqualTo("{\"a\":{\"b\":\"x y\",\"y\":[3,{\"c\":2,\"d\":1}]},\"z\":1}");
    }

    @Test
    void numbersAreNormalizedSoJsonbRenderingsHashTheSame() {
        String a = ArtifactHash.of("id", "s", "1", ArtifactHash.parse("{\"w\": 1.50, \"n\": 100, \"e\": 1e2, \"z\": 0.0}"));
        String b = ArtifactHash.of("id", "s", "1", ArtifactHash.parse("{\"z\": 0, \"e\": 100, \"n\": 1E+2, \"w\": 1.5}"));
        assertThat(a).isEqualTo(b).matches("[0-9a-f]{64}");
    }

    @Test
    void keyOrderAndWhitespaceDoNotChangeTheHashButAnyValueDoes() {
        String base = ArtifactHash.of("id", "s", "1", ArtifactHash.parse("{\"model\":{\"bias\":-0.5,\"weights\":{\"mom_20\":1.2}}}"));
        assertThat(ArtifactHash.of("id", "s", "1", ArtifactHash.parse("{ \"model\" : { \"weights\" : { \"mom_20\" : 1.2 }, \"bias\" : -0.5 } }")))
                .isEqualTo(base);
        assertThat(ArtifactHash.of("id", "s", "1", ArtifactHash.parse("{\"model\":{\"bias\":-0.5,\"weights\":{\"mom_20\":1.3}}}")))
                .isNotEqualTo(base);
        assertThat(ArtifactHash.of("id", "s", "2", ArtifactHash.parse("{\"model\":{\"bias\":-0.5,\"weights\":{\"mom_20\":1.2}}}")))
                .isNotEqualTo(base);
        assertThat(ArtifactHash.of("other", "s", "1", ArtifactHash.parse("{\"model\":{\"bias\":-0.5,\"weights\":{\"mom_20\":1.2}}}")))
                .isNotEqualTo(base);
    }

    @Test
    void theHashIsSha256OfTheCanonicalDocument() {
        String expected = ArtifactHash.sha256("{\"artifact_id\":\"id\",\"payload\":{\"a\":1},\"strategy_name\":\"s\",\"strategy_version\":\"1\"}");
        assertThat(ArtifactHash.of("id", "s", "1", ArtifactHash.parse("{\"a\":1}"))).isEqualTo(expected);
        // known SHA-256 vector
        assertThat(ArtifactHash.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThatThrownBy(() -> ArtifactHash.parse("{\"a\":1,\"a\":2}")).isInstanceOf(IllegalArgumentException.class);
    }
}
