package com.acme.legacy.accounts;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;

/** Calls the service from its constructor, which no policy can weave. */
public class AccountsWarmup {
    public AccountsWarmup(String baseUrl) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(baseUrl + "/health").openConnection();
        AccountsClient.answer(c);
    }
}
