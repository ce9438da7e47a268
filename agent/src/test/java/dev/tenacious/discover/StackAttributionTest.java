package dev.tenacious.discover;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The innermost application frame of a stack, and the next one out. */
class StackAttributionTest {
    static StackTraceElement[] stack(String... frames) {
        StackTraceElement[] s = new StackTraceElement[frames.length];
        for (int i = 0; i < frames.length; i++) {
            int hash = frames[i].lastIndexOf('#');
            s[i] = new StackTraceElement(frames[i].substring(0, hash), frames[i].substring(hash + 1), "X.java", 10 + i);
        }
        return s;
    }

    @Test
    void theJdkTheAgentLibrariesFrameworksAndProxiesArePassedOver() {
        StackAttribution a = new StackAttribution(Collections.<String>emptyList());
        StackAttribution.Walk w = a.find(stack(
                "dev.tenacious.discover.Discovery#ended",
                "dev.tenacious.runtime.Dispatcher#exit",
                "sun.net.www.protocol.http.HttpURLConnection#getInputStream",
                "org.springframework.web.client.RestTemplate#doExecute",
                "com.acme.orders.OrderClient$$SpringCGLIB$$0#place",
                "com.zaxxer.hikari.pool.HikariProxyStatement#execute",
                "com.acme.orders.OrderClient#place",
                "com.acme.orders.OrderClient#place",
                "com.acme.web.OrderController#post",
                "org.apache.catalina.core.ApplicationFilterChain#doFilter"), false);
        assertEquals("com.acme.orders.OrderClient", w.site.inner.className);
        assertEquals("place", w.site.inner.methodName);
        assertEquals("com.acme.web.OrderController.post", w.site.outer.toString(), "recursion is one method");
        assertTrue(Arrays.stream(w.site.inner.lines()).anyMatch(l -> l == 16));
        assertFalse(w.insideTransaction || w.enclosesTransaction);
    }

    @Test
    void noApplicationFrameIsNone() {
        StackAttribution a = new StackAttribution(Collections.<String>emptyList());
        assertSame(Site.NONE, a.find(stack("org.h2.jdbc.JdbcStatement#execute", "java.lang.Thread#run"), false).site);
    }

    @Test
    void skipAddsPrefixesOfPackagesOrClasses() {
        StackAttribution a = new StackAttribution(Arrays.asList("com.acme.common", "com.acme.util.Http"));
        StackAttribution.Walk w = a.find(stack(
                "com.acme.common.HttpHelper#get",
                "com.acme.util.Http$Inner#call",
                "com.acme.commons.Audit#record"), false);
        assertEquals("com.acme.commons.Audit.record", w.site.inner.toString(), "com.acme.common is a package, not a prefix of commons");
    }

    @Test
    void aSpringTransactionAroundTheMethodIsSeen() {
        StackAttribution a = new StackAttribution(Collections.<String>emptyList());
        StackAttribution.Walk w = a.find(stack(
                "org.h2.jdbc.JdbcPreparedStatement#executeUpdate",
                "org.springframework.transaction.interceptor.TransactionInterceptor#invoke",
                "com.acme.dao.OrderDao#save",
                "com.acme.service.OrderService#place",
                "org.springframework.transaction.interceptor.TransactionAspectSupport#invokeWithinTransaction",
                "com.acme.web.OrderController#post"), true);
        assertEquals("com.acme.dao.OrderDao.save", w.site.inner.toString());
        assertTrue(w.insideTransaction);
        assertFalse(w.enclosesTransaction);
    }

    @Test
    void aMethodCallingATransactionalRepositoryEnclosesTheTransaction() {
        StackAttribution a = new StackAttribution(Collections.<String>emptyList());
        StackAttribution.Walk w = a.find(stack(
                "org.h2.jdbc.JdbcPreparedStatement#executeQuery",
                "org.springframework.transaction.interceptor.TransactionInterceptor#invoke",
                "jdk.proxy2.$Proxy91#total",
                "com.acme.web.BankController#total",
                "org.springframework.web.servlet.FrameworkServlet#service"), true);
        assertEquals("com.acme.web.BankController.total", w.site.inner.toString());
        assertFalse(w.insideTransaction);
        assertTrue(w.enclosesTransaction);
    }

    @Test
    void theSameFramesGiveTheSameSite() {
        StackAttribution a = new StackAttribution(Collections.<String>emptyList());
        String[] frames = {"java.net.Socket#read", "com.acme.A#a", "com.acme.B#b"};
        assertSame(a.find(stack(frames), false).site, a.find(stack(frames), false).site);
    }
}
