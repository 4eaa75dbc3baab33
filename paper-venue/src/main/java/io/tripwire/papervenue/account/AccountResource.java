package io.tripwire.papervenue.account;

import io.smallrye.mutiny.Uni;
import io.tripwire.papervenue.alpaca.AlpacaFailures;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Alpaca Trading API v2: GET /v2/account. */
@Path("/v2/account")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final AccountService accounts;

    public AccountResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @GET
    public Uni<AccountView> get() {
        return accounts.view().onFailure().transform(AlpacaFailures.asAlpaca());
    }
}
