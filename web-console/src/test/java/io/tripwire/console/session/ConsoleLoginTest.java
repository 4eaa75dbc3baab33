package io.tripwire.console.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tripwire.console.support.ConsoleBrowser;
import io.tripwire.console.support.ConsoleTestBase;
import io.tripwire.console.support.UpstreamStubs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Login, cookie flags, session expiry, logout and CSRF on the login and logout forms. */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class ConsoleLoginTest extends ConsoleTestBase {

    @Test
    void goodPasswordStartsASessionWithStrictHttpOnlyCookie() {
        Response form = given().get("/console/login");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.getHeader("Set-Cookie")).contains("tw_login_csrf=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict");

        Response answer = given().redirects().follow(false).cookie("tw_login_csrf", form.getCookie("tw_login_csrf"))
                .formParam("username", "operator1").formParam("password", PASSWORD)
                .formParam("_csrf", ConsoleBrowser.csrf(form.asString())).post("/console/login");

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.getHeader("Location")).endsWith("/console/health");
        String setCookie = answer.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith("tw_session=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/console")
                .doesNotContainIgnoringCase("Secure");
        Response page = given().redirects().follow(false).cookie("tw_session", answer.getCookie("tw_session")).get("/console/health");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.asString()).contains("operator1 (operator)");
        assertThat(audit("CONSOLE_LOGIN")).containsExactly("operator:operator1|SUCCESS|");
    }

    @Test
    void wrongPasswordOrUnknownUserIsRefusedAndAudited() {
        Response form = given().get("/console/login");
        Response answer = given().redirects().follow(false).cookie("tw_login_csrf", form.getCookie("tw_login_csrf"))
                .formParam("username", "operator1").formParam("password", "not the password")
                .formParam("_csrf", ConsoleBrowser.csrf(form.asString())).post("/console/login");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.asString()).contains("Wrong username or password.");
        assertThat(answer.getCookie("tw_session")).isNull();
        assertThat(audit("CONSOLE_LOGIN_FAILED")).containsExactly("operator:operator1|DENIED|");
        assertThat(audit("CONSOLE_LOGIN_FAILED").toString()).doesNotContain("not the password");
    }

    @Test
    void loginWithoutCsrfTokenIs403() {
        Response form = given().get("/console/login");
        Response noField = given().redirects().follow(false).cookie("tw_login_csrf", form.getCookie("tw_login_csrf"))
                .formParam("username", "operator1").formParam("password", PASSWORD).post("/console/login");
        Response noCookie = given().redirects().follow(false)
                .formParam("username", "operator1").formParam("password", PASSWORD)
                .formParam("_csrf", ConsoleBrowser.csrf(form.asString())).post("/console/login");

        assertThat(noField.statusCode()).isEqualTo(403);
        assertThat(noCookie.statusCode()).isEqualTo(403);
        assertThat(noField.getCookie("tw_session")).isNull();
    }

    @Test
    void fiveWrongPasswordsLockTheUsernameOutRightPasswordOrNotUntilTheWindowEnds() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            assertThat(login("viewer1", "guess " + i).statusCode()).isEqualTo(401);
        }

        Response locked = login("viewer1", PASSWORD);

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.asString()).contains("Too many failed logins for this user");
        assertThat(locked.getCookie("tw_session")).isNull();
        assertThat(audit("CONSOLE_LOGIN_THROTTLED")).containsExactly("operator:viewer1|DENIED|");
        assertThat(login("operator1", PASSWORD).statusCode()).as("another user is not locked out").isEqualTo(303);
        Thread.sleep(3_200); // %test.console.login.lockout=3s
        assertThat(login("viewer1", PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void aGoodLoginClearsTheFailuresCountedBeforeIt() {
        for (int i = 0; i < 4; i++) {
            login("viewer1", "guess " + i);
        }
        assertThat(login("viewer1", PASSWORD).statusCode()).isEqualTo(303);
        for (int i = 0; i < 4; i++) {
            login("viewer1", "guess again " + i);
        }

        assertThat(login("viewer1", PASSWORD).statusCode()).isEqualTo(303);
    }

    private static Response login(String username, String password) {
        Response form = given().get("/console/login");
        return given().redirects().follow(false).cookie("tw_login_csrf", form.getCookie("tw_login_csrf"))
                .formParam("username", username).formParam("password", password)
                .formParam("_csrf", ConsoleBrowser.csrf(form.asString())).post("/console/login");
    }

    @Test
    void pagesWithoutSessionGoToLogin() {
        for (String path : new String[] {"/console/health", "/console/breaker", "/console/kill-switch", "/console/status", "/console"}) {
            Response answer = given().redirects().follow(false).get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(303);
            assertThat(answer.getHeader("Location")).as(path).contains("/console/");
        }
        Response htmx = given().redirects().follow(false).header("HX-Request", "true").get("/console/health/panel");
        assertThat(htmx.getHeader("HX-Redirect")).isEqualTo("/console/login");
        Response forged = given().redirects().follow(false).cookie("tw_session", "made-up").get("/console/status");
        assertThat(forged.getHeader("Location")).endsWith("/console/login");
    }

    @Test
    void formPostsWithoutSessionGoToLoginWhateverTheirBody() {
        for (String path : new String[] {"/console/admin/config/preview", "/console/admin/config/apply", "/console/breaker/trip",
                "/console/kill-switch/activate", "/console/no-such-page"}) {
            Response json = given().redirects().follow(false).contentType("application/json").body("{}").post(path);
            assertThat(json.statusCode()).as(path).isEqualTo(303);
            assertThat(json.getHeader("Location")).as(path).endsWith("/console/login");
        }
    }

    @Test
    void idleSessionExpires() {
        ConsoleBrowser browser = ConsoleBrowser.login("viewer1", PASSWORD);
        clock.advance(Duration.ofMinutes(20));
        assertThat(browser.get("/console/health").statusCode()).isEqualTo(200); // used: the idle timeout slides
        clock.advance(Duration.ofMinutes(20));
        assertThat(browser.get("/console/health").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(31));
        Response expired = browser.get("/console/health");
        assertThat(expired.statusCode()).isEqualTo(303);
        assertThat(expired.getHeader("Location")).endsWith("/console/login");
    }

    @Test
    void sessionEndsAfterMaxLifetimeEvenWhenUsed() {
        ConsoleBrowser browser = ConsoleBrowser.login("viewer1", PASSWORD);
        for (int i = 0; i < 17; i++) {       // 17 × 29 min > 8 h, never idle for 30 min
            clock.advance(Duration.ofMinutes(29));
            if (browser.get("/console/status").statusCode() != 200) {
                assertThat(i).isGreaterThanOrEqualTo(16);
                return;
            }
        }
        throw new AssertionError("session outlived its max lifetime");
    }

    @Test
    void logoutEndsTheSessionAndNeedsCsrf() {
        ConsoleBrowser browser = ConsoleBrowser.login("admin1", PASSWORD);
        Response noToken = browser.post("/console/logout");
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(browser.get("/console/health").statusCode()).isEqualTo(200);

        Response logout = browser.post("/console/logout", "_csrf", browser.csrfOf("/console/health"));
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.getHeaders().getValues("Set-Cookie").toString()).contains("tw_session=;").contains("Max-Age=0");
        assertThat(browser.get("/console/health").statusCode()).isEqualTo(303);
        assertThat(audit("CONSOLE_LOGOUT")).containsExactly("operator:admin1|SUCCESS|");
    }
}
