package io.tripwire.controlplane.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A request to authenticate a presented API key. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final ApiKeyToken token;

    public ApiKeyAuthenticationRequest(ApiKeyToken token) {
        this.token = token;
    }

    public ApiKeyToken token() {
        return token;
    }
}
