package com.acme.legacy;

import com.acme.legacy.client.PriceClient;

/**
 * The scenarios that need Java 11, run through {@link Scenarios} on JDK 11 and later: the JDK
 * HttpClient, called directly ({@code jdk-...}, see {@link HttpScenarios}) or through the
 * application's {@link PriceClient} ({@code price BASE SKU}).
 */
public final class Java11Scenarios {
    private Java11Scenarios() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].startsWith("jdk-")) {
            args[0] = args[0].substring("jdk-".length());
            HttpScenarios.main(args);
            return;
        }
        if (args[0].equals("price")) {
            Scenarios.report(1, () -> new PriceClient(args[1]).quote(args[2]));
            System.out.flush();
            return;
        }
        throw new IllegalArgumentException("unknown scenario " + args[0]);
    }
}
