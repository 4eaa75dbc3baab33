package io.tripwire.console.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal cookie-keeping client of the console pages: log in, read the CSRF token from a page, post forms. */
public final class ConsoleBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String session;

    private ConsoleBrowser(String session) {
        this.session = session;
    }

    public static ConsoleBrowser login(String username, String password) {
        Response form = given().redirects().follow(false).get("/console/login");
        String loginCsrf = form.getCookie("tw_login_csrf");
        Response answer = given().redirects().follow(false).cookie("tw_login_csrf", loginCsrf)
                .formParam("username", username).formParam("password", password).formParam("_csrf", csrf(form.asString()))
                .post("/console/login");
        if (answer.statusCode() != 303) {
            throw new AssertionError("login of " + username + " answered " + answer.statusCode());
        }
        return new ConsoleBrowser(answer.getCookie("tw_session"));
    }

    public String sessionId() {
        return session;
    }

    public Response get(String path) {
        return given().redirects().follow(false).cookie("tw_session", session).get(path);
    }

    /** The CSRF token the page at {@code path} puts in its forms. */
    public String csrfOf(String path) {
        return csrf(get(path).asString());
    }

    public Response post(String path, Object... formPairs) {
        var request = given().redirects().follow(false).cookie("tw_session", session);
        for (int i = 0; i < formPairs.length; i += 2) {
            request = request.formParam((String) formPairs[i], formPairs[i + 1]);
        }
        return request.post(path);
    }

    public static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF token in the page");
        }
        return m.group(1);
    }
}
