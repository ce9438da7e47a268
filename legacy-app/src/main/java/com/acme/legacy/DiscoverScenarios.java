package com.acme.legacy;

import com.acme.legacy.accounts.AccountsClient;
import com.acme.legacy.accounts.AccountsDao;
import com.acme.legacy.accounts.AccountsWarmup;
import com.acme.legacy.accounts.Reports;

import java.io.IOException;
import java.sql.SQLException;

/**
 * An application for discovery's tests: HTTP calls over {@code HttpURLConnection} that carry secrets
 * (a user and password in the URL, a token in the query and a header, a PIN in a POST body), an
 * overloaded method, a constructor and a shared helper that make calls, and JDBC through a URL with
 * a password, one statement failing with SQLState 23505. Prints {@code DONE} at the end.
 *
 * <pre>
 *   DiscoverScenarios app BASE_WITH_USERINFO TOKEN PIN JDBC_URL
 * </pre>
 */
public final class DiscoverScenarios {
    private DiscoverScenarios() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[1];
        String plainBase = base.replaceFirst("//[^@/]*@", "//");
        AccountsClient client = new AccountsClient(base, args[2]);
        int failed = 0;
        for (int i = 0; i < 40; i++) {
            try {
                client.balance("alice");
            } catch (IOException e) {
                failed++;
            }
        }
        for (int i = 0; i < 5; i++) {
            client.balance("bob", 978);
        }
        for (int i = 0; i < 3; i++) {
            try {
                client.transfer("alice", "bob", 100, args[3]);
            } catch (IOException e) {
                failed++;
            }
        }
        new AccountsWarmup(plainBase);
        for (int i = 0; i < 4; i++) {
            Reports.daily(plainBase);
        }
        AccountsDao dao = new AccountsDao(args[4]);
        dao.save("a-1", 100);
        try {
            dao.save("a-1", 100);
        } catch (SQLException e) {
            System.out.println("RESULT duplicate CAUGHT SQLSTATE " + e.getSQLState());
        }
        System.out.println("RESULT total OK " + dao.total());
        System.out.println("RESULT failed " + failed);
        System.out.println("DONE");
    }
}
