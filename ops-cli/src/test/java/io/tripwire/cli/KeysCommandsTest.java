package io.tripwire.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** {@code tripwire keys ...} against a WireMock stub of the web console's key-admin API. */
class KeysCommandsTest extends StubbedServiceTest {
    private static final String KEYS = "/api/v1/admin/keys";

    @Test
    void listPrintsATableWithTheStateOfEveryKey() {
        String future = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String past = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        stub.stubFor(get(KEYS).willReturn(okJson("[" + key("aaaa1111", "desk-alice", future, null, null) + ","
                + key("bbbb2222", "desk-alice", future, null, "aaaa1111") + ","
                + key("cccc3333", "strategy-x", past, null, null) + ","
                + key("dddd4444", "strategy-y", future, "\"" + past + "\"", null) + "]")));

        KeysRun run = keys("list");

        assertThat(run.cli().exitCode()).as(run.cli().toString()).isZero();
        assertThat(run.cli().out().lines().findFirst().orElseThrow()).startsWith("PREFIX").contains("STATE").contains("REPLACED BY");
        assertThat(run.cli().out()).containsPattern("aaaa1111 +desk-alice +live +orders:read,orders:write +" + future)
                .containsPattern("bbbb2222 +desk-alice +grace .* aaaa1111")
                .containsPattern("cccc3333 +strategy-x +expired")
                .containsPattern("dddd4444 +strategy-y +revoked")
                .contains("4 key(s)");
        stub.verify(getRequestedFor(urlEqualTo(KEYS)).withHeader("Authorization", equalTo("Bearer " + token)));

        KeysRun live = keys("list", "--live");
        assertThat(live.cli().out()).contains("aaaa1111").contains("bbbb2222").doesNotContain("cccc3333")
                .doesNotContain("dddd4444").contains("2 key(s)");
    }

    @Test
    void createSendsNameScopesAndTtlAndShowsTheSecretOnce() {
        stub.stubFor(post(KEYS).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(issued("twk_eeee5555_s3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr", "eeee5555", "strategy-z"))));

        KeysRun run = keys("create", "--name", "strategy-z", "--scope", "orders:read,orders:write", "--ttl-days", "30");

        assertThat(run.cli().exitCode()).as(run.cli().toString()).isZero();
        stub.verify(postRequestedFor(urlEqualTo(KEYS)).withRequestBody(equalToJson(
                "{\"name\":\"strategy-z\",\"scopes\":[\"orders:read\",\"orders:write\"],\"ttlDays\":30}")));
        assertThat(run.cli().out()).contains("key eeee5555 'strategy-z'").contains("shown only this once")
                .containsOnlyOnce("twk_eeee5555_s3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr");
    }

    @Test
    void createWithOutWritesTheSecretToAnOwnerOnlyFileAndNotToTheTerminal() throws Exception {
        stub.stubFor(post(KEYS).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(issued("twk_ffff6666_topSecretTopSecretTopSecretTopSecretTopSe", "ffff6666", "svc-a"))));
        Path out = dir.resolve("svc-a.key");

        KeysRun run = keys("create", "--name", "svc-a", "--scope", "orders:read", "--out", out.toString());

        assertThat(run.cli().exitCode()).as(run.cli().toString()).isZero();
        assertThat(run.cli().out()).doesNotContain("topSecret").contains("secret written to " + out);
        assertThat(Files.readString(out).trim()).isEqualTo("twk_ffff6666_topSecretTopSecretTopSecretTopSecretTopSe");
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(SecretFiles.OWNER_ONLY);
    }

    @Test
    void rotateNoGraceAsksForNoGraceAndSaysTheOldKeyIsRefusedNow() {
        stub.stubFor(post(KEYS + "/aaaa1111/rotate?grace=false").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(rotated(true))));

        KeysRun run = keys("rotate", "aaaa1111", "--no-grace");

        assertThat(run.cli().exitCode()).as(run.cli().toString()).isZero();
        stub.verify(1, postRequestedFor(urlEqualTo(KEYS + "/aaaa1111/rotate?grace=false")));
        assertThat(run.cli().out()).contains("twk_bbbb2222_").contains("old key aaaa1111: revoked now (no grace)");
    }

    @Test
    void rotateWithGraceSaysUntilWhenTheOldKeyWorks() {
        stub.stubFor(post(KEYS + "/aaaa1111/rotate").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(rotated(false))));

        KeysRun run = keys("rotate", "aaaa1111");

        assertThat(run.cli().exitCode()).as(run.cli().toString()).isZero();
        stub.verify(1, postRequestedFor(urlEqualTo(KEYS + "/aaaa1111/rotate")));
        assertThat(run.cli().out()).contains("old key aaaa1111: keeps working until 2026-11-22T10:00:00Z");
    }

    @Test
    void revokeNamesTheKeysItAlsoRevoked() {
        stub.stubFor(post(KEYS + "/bbbb2222/revoke").willReturn(okJson(
                "{\"prefix\":\"bbbb2222\",\"revoked\":true,\"revokedPrefixes\":[\"bbbb2222\",\"aaaa1111\"]}")));

        KeysRun run = keys("revoke", "bbbb2222", "--reason", "pasted into a public channel");

        assertThat(run.cli().exitCode()).as(run.cli().toString()).isZero();
        stub.verify(postRequestedFor(urlEqualTo(KEYS + "/bbbb2222/revoke"))
                .withRequestBody(equalToJson("{\"reason\":\"pasted into a public channel\"}")));
        assertThat(run.cli().out()).contains("revoked bbbb2222").contains("revoked aaaa1111 too");
    }

    @Test
    void revokeAllOfSendsTheNameAndListsEveryRevokedKey() {
        stub.stubFor(post(KEYS + "/revoke-all").willReturn(okJson(
                "{\"name\":\"desk-alice\",\"revokedPrefixes\":[\"aaaa1111\",\"bbbb2222\"]}")));

        KeysRun run = keys("revoke", "--all-of", "desk-alice", "--reason", "laptop stolen at the airport");

        assertThat(run.cli().exitCode()).as(run.cli().toString()).isZero();
        stub.verify(postRequestedFor(urlEqualTo(KEYS + "/revoke-all"))
                .withRequestBody(equalToJson("{\"name\":\"desk-alice\",\"reason\":\"laptop stolen at the airport\"}")));
        assertThat(run.cli().out()).contains("revoked every live key named 'desk-alice': aaaa1111, bbbb2222 (2)");
    }

    @Test
    void revokeNeedsExactlyOneOfPrefixAndAllOf() {
        assertThat(keys("revoke", "--reason", "neither of the two").cli().exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(keys("revoke", "aaaa1111", "--all-of", "x", "--reason", "both of the two").cli().exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(stub.getAllServeEvents()).isEmpty();
    }

    @Test
    void aMalformedPrefixIsRefusedBeforeAnyCall() {
        KeysRun run = keys("rotate", "../whoami");

        assertThat(run.cli().exitCode()).isEqualTo(ExitCodes.USAGE);
        CliErrorsTest.assertOneLine(run.cli());
        assertThat(stub.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRefusalShowsTheConsolesRejectCodeAndMessage() {
        stub.stubFor(post(KEYS + "/revoke-all").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"NOT_FOUND\",\"message\":\"no live key named desk-alcie\",\"details\":{}}")));

        KeysRun run = keys("revoke", "--all-of", "desk-alcie", "--reason", "typo in the name here");

        assertThat(run.cli().exitCode()).isEqualTo(ExitCodes.FAILURE);
        CliErrorsTest.assertOneLine(run.cli());
        assertThat(run.cli().err()).contains("console refused POST /api/v1/admin/keys/revoke-all (HTTP 404: NOT_FOUND "
                + "no live key named desk-alcie)");
    }

    @Test
    void anUnreachableConsoleIsOneLineAndExitFour() {
        CliRun run = CliRun.of("keys", "list", "--console-url", "http://127.0.0.1:1", "--key-file", keyFile);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        CliErrorsTest.assertOneLine(run);
        assertThat(run.err()).startsWith("tripwire keys list: console http://127.0.0.1:1 unreachable: Connection refused");
    }

    private record KeysRun(CliRun cli) {
    }

    private KeysRun keys(String... command) {
        String[] args = new String[command.length + 1];
        args[0] = "keys";
        System.arraycopy(command, 0, args, 1, command.length);
        return new KeysRun(runWith("--console-url", args));
    }

    private static String key(String prefix, String name, String expires, String revoked, String replacedBy) {
        return "{\"prefix\":\"" + prefix + "\",\"name\":\"" + name + "\",\"scopes\":[\"orders:read\",\"orders:write\"],"
                + "\"createdAt\":\"2026-11-01T10:00:00Z\",\"createdBy\":\"key:admin0001:bootstrap-admin\","
                + "\"expiresAt\":\"" + expires + "\",\"revokedAt\":" + revoked + ",\"replacedBy\":"
                + (replacedBy == null ? "null" : "\"" + replacedBy + "\"") + "}";
    }

    private static String issued(String secret, String prefix, String name) {
        return "{\"key\":\"" + secret + "\",\"details\":" + key(prefix, name, "2026-12-21T10:00:00Z", null, null) + "}";
    }

    private static String rotated(boolean revoked) {
        return "{\"key\":\"twk_bbbb2222_newSecretNewSecretNewSecretNewSecretNewSe\",\"details\":"
                + key("bbbb2222", "desk-alice", "2027-01-21T10:00:00Z", null, null) + ",\"replaced\":\"aaaa1111\","
                + "\"replacedValidUntil\":\"" + (revoked ? "2026-11-21T10:00:00Z" : "2026-11-22T10:00:00Z") + "\","
                + "\"replacedRevoked\":" + revoked + "}";
    }
}
