package dev.tenacious.presets;

import dev.tenacious.matching.PolicyMatcher;
import dev.tenacious.matching.PolicyMatcherTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tenacious.matching.PolicyMatcherTest.method;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresetTargetsTest {
    static PolicyMatcher matcher(String preset) {
        return new PolicyMatcher(List.of(Presets.forName(preset).targets("p.yaml:1:1")));
    }

    @Test
    void jdkHttpWeavesTheImplementationsSendAndTwoArgumentSendAsync() {
        PolicyMatcher m = matcher("jdk-http");
        assertTrue(m.mayMatchClassName("jdk.internal.net.http.HttpClientImpl"), "a JDK class the preset names");
        assertFalse(m.mayMatchClassName("jdk.internal.net.http.HttpClientFacade"));
        assertFalse(m.mayMatchClassName("java.lang.String"));
        assertFalse(m.mayMatchClassName("com.acme.Client"), "application classes are not even parsed");
        String[] params = {"java.net.http.HttpRequest", "java.net.http.HttpResponse$BodyHandler"};
        assertNotNull(m.match(method("jdk.internal.net.http.HttpClientImpl", "send", params)));
        assertNotNull(m.match(method("jdk.internal.net.http.HttpClientImpl", "sendAsync", params)));
        assertNull(m.match(method("jdk.internal.net.http.HttpClientImpl", "sendAsync",
                "java.net.http.HttpRequest", "java.net.http.HttpResponse$BodyHandler",
                "java.net.http.HttpResponse$PushPromiseHandler")), "the three-argument form calls into the same code");
        assertEquals("jdk-http", m.match(method("jdk.internal.net.http.HttpClientImpl", "send", params)).rule.preset());
    }

    @Test
    void jdbcParsesOnlyClassesWithAPlausibleNameAndChecksTheirSupertypes() {
        PolicyMatcher m = matcher("jdbc");
        assertTrue(m.mayMatchClassName("org.postgresql.jdbc.PgPreparedStatement"));
        assertTrue(m.mayMatchClassName("org.h2.jdbcx.JdbcDataSource"));
        assertTrue(m.mayMatchClassName("org.h2.Driver"));
        assertFalse(m.mayMatchClassName("com.acme.OrderService"), "decided on the name: never parsed");
        assertFalse(m.mayMatchClassName("java.sql.DriverManager"), "JDK classes stay out");
        List<String> statement = List.of("org.h2.jdbc.JdbcPreparedStatement", "org.h2.jdbc.JdbcStatement", "java.sql.PreparedStatement",
                "java.sql.Statement");
        assertNotNull(m.match(method("org.h2.jdbc.JdbcPreparedStatement", statement, "executeQuery")));
        assertNotNull(m.match(method("org.h2.jdbc.JdbcPreparedStatement", statement, "executeUpdate")));
        assertNull(m.match(method("org.h2.jdbc.JdbcPreparedStatement", statement, "executeBatch")), "batches are cleared on failure");
        assertNull(m.match(method("org.h2.jdbc.JdbcPreparedStatement", statement, "close")));
        assertNull(m.match(PolicyMatcherTest.method("org.h2.jdbc.JdbcStatement", statement, false, "executeInternal",
                "java.lang.String", "java.lang.Object")), "a driver's private helpers are not the JDBC API");
        assertNull(m.match(method("com.acme.AuditStatement", List.of("com.acme.AuditStatement"), "execute")),
                "a Statement by name only is not a JDBC statement");
        assertNotNull(m.match(method("org.h2.Driver", List.of("org.h2.Driver", "java.sql.Driver"), "connect",
                "java.lang.String", "java.util.Properties")));
    }
}
