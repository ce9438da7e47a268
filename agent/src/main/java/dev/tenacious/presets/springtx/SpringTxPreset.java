package dev.tenacious.presets.springtx;

import dev.tenacious.matching.MatchRule;
import dev.tenacious.presets.jdbc.BrokenConnections;
import dev.tenacious.presets.jdbc.JdbcPreset;
import dev.tenacious.presets.jdbc.PoolTimeouts;
import dev.tenacious.presets.reflect.Reflect;
import dev.tenacious.runtime.Preset;
import dev.tenacious.runtime.policy.Classification;
import dev.tenacious.runtime.policy.HttpConfig;
import dev.tenacious.runtime.policy.SqlStates;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * {@code spring-tx}: the boundary of a Spring transaction, {@code TransactionInterceptor.invoke}
 * (every {@code @Transactional} method behind a Spring proxy) and {@code TransactionTemplate.execute},
 * Spring 5.3 and 6.x. A transaction that failed and rolled back is run again, whole, as a new
 * transaction on another connection (the pool has dropped the broken one), when its failure's cause
 * chain carries what the {@code jdbc} preset retries: SQLState class 08, 40001, 40P01, 57P01-57P03,
 * a transient SQL exception. Spring's translated exceptions keep the driver's as their cause, so
 * they are read through.
 *
 * <p>Never retried: a call that joins a transaction already in progress (only the boundary that
 * began it may run it again), a method that runs without a transaction (SUPPORTS, NOT_SUPPORTED,
 * NEVER), a failure the method's rollback rules commit, a connection that broke during the commit
 * ({@link CommitFailures}), and a pool that had no free connection in time. Checked at entry from
 * Spring's {@code TransactionSynchronizationManager} and the method's transaction attribute.
 *
 * <p>A retry is a new call: the woven {@code invoke} has advanced its {@code MethodInvocation}
 * through the chain of interceptors, so each retry proceeds from a clone set back to this
 * interceptor's place ({@link SpringApi#rewound}); a TransactionTemplate runs its callback again.
 * Inner calls (a joined or {@code REQUIRES_NEW} transaction, the statements) run once inside the
 * outermost boundary, as every inner call of a woven call does.
 */
public final class SpringTxPreset extends Preset {
    public static final String NAME = "spring-tx";
    private static final String[] PROPAGATIONS = {"REQUIRED", "SUPPORTS", "MANDATORY", "REQUIRES_NEW", "NOT_SUPPORTED",
            "NEVER", "NESTED"};
    private static final int REQUIRED = 0;
    private static final int MANDATORY = 2;
    private static final int REQUIRES_NEW = 3;
    private static final int NESTED = 6;

    public SpringTxPreset() {
        super(NAME);
    }

    @Override
    public List<MatchRule> targets(String where) {
        return Arrays.asList(
                MatchRule.ofPreset(NAME, where, SpringApi.INTERCEPTOR, false, "invoke", null, true,
                        Collections.singletonList("org.aopalliance.intercept.MethodInvocation")),
                MatchRule.ofPreset(NAME, where, SpringApi.TEMPLATE, false, "execute", null, true,
                        Collections.singletonList("org.springframework.transaction.support.TransactionCallback")));
    }

    @Override
    public Reissue reissue() {
        return Reissue.NEW_CALL;
    }

    /** Whether the call begins a transaction of its own, which it can then run again; read before it runs. */
    @Override
    public String vetoAtEntry(Object self, Object invocation, Object unused, HttpConfig http) {
        if (self == null) {
            return "no transaction boundary";
        }
        SpringApi api = SpringApi.of(self.getClass());
        if (api.missing != null) {
            return api.missing;
        }
        try {
            boolean active = api.transactionActive();
            int propagation;
            if (isTemplate(self)) {
                propagation = ((Number) SpringApi.call(api.getPropagationBehavior, self)).intValue();
            } else {
                if (api.aop == null) {
                    return "Spring AOP's API could not be read";
                }
                Object attribute = attribute(api, self, invocation);
                if (attribute == null) {
                    return "the method has no transaction attribute: it runs without a transaction";
                }
                propagation = ((Number) SpringApi.call(api.getPropagationBehavior, attribute)).intValue();
                if (api.positionIn(invocation, self) < 0) {
                    return "its method invocation (" + invocation.getClass().getName() + ") cannot be proceeded again";
                }
            }
            return propagationVeto(propagation, active);
        } catch (Exception | LinkageError e) {
            return "its transaction could not be read: " + e;
        }
    }

    /** Why a call of this propagation, with or without a transaction in progress, may not run again; or null. */
    static String propagationVeto(int propagation, boolean active) {
        String name = propagation >= 0 && propagation < PROPAGATIONS.length ? PROPAGATIONS[propagation] : String.valueOf(propagation);
        if (active) {
            if (propagation == REQUIRES_NEW) {
                return null; // a boundary of its own
            }
            if (propagation == REQUIRED || propagation == MANDATORY) {
                return "it joined a transaction already in progress (only the boundary that began it runs it again)";
            }
            if (propagation == NESTED) {
                return "it runs in a savepoint of a transaction already in progress";
            }
            return "it runs without a transaction (propagation " + name + ")";
        }
        if (propagation == REQUIRED || propagation == REQUIRES_NEW || propagation == NESTED) {
            return null;
        }
        if (propagation == MANDATORY) {
            return "propagation MANDATORY without a transaction in progress";
        }
        return "it runs without a transaction (propagation " + name + ")";
    }

    /**
     * A pool that had no free connection in time is permanent; then the SQLState and JDBC types in the
     * cause chain decide; then a connection HikariCP found broken and closed is transient (Spring
     * throws the failed rollback on the closed connection in place of the statement's failure).
     */
    @Override
    public Classification classify(Throwable failure) {
        if (PoolTimeouts.anywhereIn(failure)) {
            return Classification.PERMANENT;
        }
        Classification c = SqlStates.classifyChain(failure);
        if (c == null && BrokenConnections.hikariClosedAnywhereIn(failure)) {
            return Classification.TRANSIENT;
        }
        return c;
    }

    /** The transaction must have rolled back: its rollback rules roll back on the failure, and its commit was not cut off. */
    @Override
    public String vetoOnFailure(Object self, Object invocation, Object unused, Throwable failure) {
        if (self == null) {
            return "no transaction boundary";
        }
        SpringApi api = SpringApi.of(self.getClass());
        try {
            if (!isTemplate(self) && api.aop != null) { // TransactionTemplate rolls back on every exception
                Object attribute = attribute(api, self, invocation);
                if (attribute != null && !Boolean.TRUE.equals(SpringApi.call(api.aop.rollbackOn, attribute, failure))) {
                    return "the method's rollback rules commit the transaction on " + failure.getClass().getName();
                }
            }
        } catch (Exception | LinkageError e) {
            return "its rollback rules could not be read: " + e;
        }
        return CommitFailures.unknownOutcome(failure, self.getClass().getClassLoader());
    }

    /** A new transaction, with a new EntityManager where one was bound to the thread ({@link PreBoundEntityManagers}). */
    @Override
    public Object invokeAgain(Object self, Object invocation, Object unused) throws Throwable {
        PreBoundEntityManagers.renew(self.getClass().getClassLoader());
        SpringApi api = SpringApi.of(self.getClass());
        if (isTemplate(self)) {
            return SpringApi.call(api.execute, self, invocation);
        }
        return SpringApi.call(api.aop.invoke, self, api.rewound(invocation, self));
    }

    private static boolean isTemplate(Object self) {
        return Reflect.isA(self.getClass(), SpringApi.TEMPLATE);
    }

    /** The invoked method's transaction attribute, as TransactionInterceptor itself finds it; null for none. */
    private static Object attribute(SpringApi api, Object interceptor, Object invocation) throws Exception {
        SpringApi.Aop aop = api.aop;
        Object source = SpringApi.call(aop.getTransactionAttributeSource, interceptor);
        if (source == null || invocation == null) {
            return null;
        }
        Object target = SpringApi.call(aop.getThis, invocation);
        Object targetClass = target != null ? SpringApi.call(aop.getTargetClass, null, target) : null;
        return SpringApi.call(aop.getTransactionAttribute, source, SpringApi.call(aop.getMethod, invocation), targetClass);
    }
}
