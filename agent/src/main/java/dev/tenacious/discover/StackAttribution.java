package dev.tenacious.discover;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the application method a call is charged to: the innermost frame of the current stack whose
 * class is not the JDK's, the agent's, a client library's, a driver's, a pool's or a framework's (the
 * built-in prefixes below, plus {@code settings.discover.skip}), nor a generated proxy or lambda
 * class. A stack walk costs tens of microseconds, so it is made only for the calls {@link CallKey}
 * samples; the answers per class name are cached.
 */
class StackAttribution {
    /** Package prefixes that are never the application's own code. */
    static final List<String> BUILT_IN = java.util.Collections.unmodifiableList(Arrays.asList(
            // the JDK, its languages, the agent and bytecode tools
            "java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.", "org.w3c.", "org.xml.", "org.ietf.", "org.omg.",
            "kotlin.", "kotlinx.", "scala.", "groovy.", "org.codehaus.groovy.", "clojure.",
            "dev.tenacious.", "net.bytebuddy.", "org.objectweb.asm.", "javassist.", "net.sf.cglib.", "org.aspectj.",
            // HTTP clients and their stacks
            "org.apache.http.", "org.apache.hc.", "org.apache.commons.", "okhttp3.", "okio.", "com.squareup.",
            "retrofit2.", "feign.", "org.asynchttpclient.", "io.netty.", "reactor.", "com.google.api.client.",
            "com.google.http.", "org.glassfish.", "org.jboss.", "org.apache.cxf.", "com.netflix.", "io.github.resilience4j.",
            "io.vertx.", "io.grpc.", "software.amazon.", "com.amazonaws.",
            // JDBC drivers, pools and persistence
            "org.h2.", "org.postgresql.", "com.mysql.", "org.mariadb.", "oracle.", "com.microsoft.sqlserver.",
            "org.apache.derby.", "org.hsqldb.", "org.sqlite.", "com.ibm.db2.", "net.sourceforge.jtds.", "com.zaxxer.hikari.",
            "org.apache.tomcat.", "com.mchange.", "com.alibaba.druid.", "org.hibernate.", "org.eclipse.persistence.",
            "org.apache.openjpa.", "org.mybatis.", "org.apache.ibatis.", "org.jooq.", "org.jdbi.", "org.skife.jdbi.",
            "org.flywaydb.", "liquibase.", "net.sf.log4jdbc.", "com.p6spy.", "net.ttddyy.", "io.r2dbc.",
            // frameworks, containers, serialisation, logging, metrics, tests
            "org.springframework.", "org.apache.catalina.", "org.apache.coyote.", "org.eclipse.jetty.", "io.undertow.",
            "org.wildfly.", "com.fasterxml.jackson.", "com.google.gson.", "com.google.common.", "com.google.inject.",
            "io.micrometer.", "io.opentelemetry.", "brave.", "zipkin2.", "ch.qos.logback.", "org.slf4j.",
            "org.apache.logging.", "org.apache.log4j.", "org.quartz.", "org.apache.camel.", "org.apache.struts.",
            "org.apache.struts2.", "com.opensymphony.", "org.apache.wicket.", "io.dropwizard.", "io.micronaut.",
            "io.quarkus.", "org.apache.kafka.", "com.google.protobuf.", "org.junit.", "junit.", "org.testng.",
            "org.mockito.", "org.apache.maven.", "org.gradle.", "com.intellij.", "org.openjdk.jmh."));
    /** Frames that run a Spring transaction: a JDBC call below one runs inside it. */
    private static final List<String> SPRING_TRANSACTION_FRAMES = Arrays.asList(
            "org.springframework.transaction.interceptor.TransactionAspectSupport",
            "org.springframework.transaction.interceptor.TransactionInterceptor",
            "org.springframework.transaction.support.TransactionTemplate",
            "org.springframework.transaction.aspectj.AbstractTransactionAspect");
    private static final int MAX_CACHED = 20_000;

    private final String[] prefixes;
    private final String[] userPrefixes;
    private final ConcurrentHashMap<String, Boolean> skipped = new ConcurrentHashMap<String, Boolean>();
    private final ConcurrentHashMap<String, AppFrame> frames = new ConcurrentHashMap<String, AppFrame>();
    private final ConcurrentHashMap<String, Site> sites = new ConcurrentHashMap<String, Site>();

    StackAttribution(List<String> userSkip) {
        prefixes = BUILT_IN.toArray(new String[0]);
        userPrefixes = userSkip.toArray(new String[0]);
    }

    /** What one walk found. */
    static final class Walk {
        final Site site;
        /** A Spring transaction boundary encloses the application method: the method runs inside it. */
        final boolean insideTransaction;
        /** A Spring transaction boundary is below the application method only: the method encloses it. */
        final boolean enclosesTransaction;

        Walk(Site site, boolean insideTransaction, boolean enclosesTransaction) {
            this.site = site;
            this.insideTransaction = insideTransaction;
            this.enclosesTransaction = enclosesTransaction;
        }
    }

    /** Walks the current stack. */
    Walk walk(boolean lookForTransactions) {
        return find(new Throwable().getStackTrace(), lookForTransactions);
    }

    Walk find(StackTraceElement[] stack, boolean lookForTransactions) {
        AppFrame found = AppFrame.NONE;
        AppFrame outer = AppFrame.NONE;
        boolean inside = false;
        boolean below = false;
        for (StackTraceElement e : stack) {
            String c = e.getClassName();
            if (lookForTransactions && c.startsWith("org.springframework.transaction.") && SPRING_TRANSACTION_FRAMES.contains(c)) {
                if (found.isNone()) {
                    below = true; // between the call and the application method: it begins inside the method
                } else {
                    inside = true;
                    break; // outer frames are the transaction's callers
                }
            }
            if (outer.isNone() && !skips(c)) {
                if (found.isNone()) {
                    found = frame(c, e.getMethodName());
                    found.line(e.getLineNumber());
                } else if (!(found.className.equals(c) && found.methodName.equals(e.getMethodName()))) {
                    outer = frame(c, e.getMethodName());
                    outer.line(e.getLineNumber());
                    if (!lookForTransactions) {
                        break;
                    }
                }
            }
        }
        return new Walk(site(found, outer), inside, below && !inside);
    }

    boolean skips(String className) {
        Boolean s = skipped.get(className);
        if (s == null) {
            s = decide(className);
            if (skipped.size() < MAX_CACHED) {
                skipped.put(className, s);
            }
        }
        return s;
    }

    private boolean decide(String c) {
        if (c.contains("$$") || c.contains("$Proxy") || c.indexOf('/') >= 0 || c.startsWith("com.sun.proxy.")) {
            return true; // generated: CGLIB and Byte Buddy subclasses, JDK proxies, lambda and hidden classes
        }
        for (String p : prefixes) {
            if (c.startsWith(p)) {
                return true;
            }
        }
        for (String p : userPrefixes) {
            if (c.startsWith(p) && (c.length() == p.length() || p.endsWith(".") || c.charAt(p.length()) == '.'
                    || c.charAt(p.length()) == '$')) {
                return true;
            }
        }
        return false;
    }

    private Site site(AppFrame inner, AppFrame outer) {
        if (inner.isNone()) {
            return Site.NONE;
        }
        String key = inner + "|" + outer;
        Site s = sites.get(key);
        if (s == null) {
            if (sites.size() >= MAX_CACHED) {
                return new Site(inner, AppFrame.NONE);
            }
            Site fresh = new Site(inner, outer);
            s = sites.putIfAbsent(key, fresh);
            s = s == null ? fresh : s;
        }
        return s;
    }

    private AppFrame frame(String className, String methodName) {
        String key = className + '#' + methodName;
        AppFrame f = frames.get(key);
        if (f == null) {
            if (frames.size() >= MAX_CACHED) {
                return AppFrame.NONE;
            }
            AppFrame fresh = new AppFrame(className, methodName);
            f = frames.putIfAbsent(key, fresh);
            f = f == null ? fresh : f;
        }
        return f;
    }

    List<String> userPrefixes() {
        return new ArrayList<String>(Arrays.asList(userPrefixes));
    }
}
