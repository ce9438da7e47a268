package com.acme.legacy.accounts;

import com.acme.legacy.common.HttpHelper;

import java.io.IOException;

/** Calls the service through the application's own shared helper (which settings.discover.skip can pass over). */
public class Reports {
    public static String daily(String baseUrl) throws IOException {
        return HttpHelper.get(baseUrl + "/reports/daily");
    }
}
