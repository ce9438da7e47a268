package com.acme.bank;

import jakarta.persistence.EntityManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An outer transaction and an inner one that joins it: which of them a retry runs again. */
public final class StepServices {
    private StepServices() {
    }

    @Service
    public static class Outer {
        private final Inner inner;
        private final Counters counters;

        public Outer(Inner inner, Counters counters) {
            this.inner = inner;
            this.counters = counters;
        }

        @Transactional
        public void run(String key, int failures) {
            counters.increment(key + ".outer");
            inner.step(key, failures);
        }
    }

    @Service
    public static class Inner {
        private final EntityManager em;
        private final Counters counters;

        public Inner(EntityManager em, Counters counters) {
            this.em = em;
            this.counters = counters;
        }

        /** Its first {@code failures} runs fail as a serialization failure would: PostgreSQL raises SQLState 40001. */
        @Transactional
        public void step(String key, int failures) {
            if (counters.increment(key + ".inner") <= failures) {
                em.createNativeQuery("DO $$ BEGIN RAISE EXCEPTION 'injected serialization failure'"
                        + " USING ERRCODE = '40001'; END $$").executeUpdate();
            }
        }
    }
}
