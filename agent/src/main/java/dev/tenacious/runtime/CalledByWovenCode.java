package dev.tenacious.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the few types that woven code refers to. They are on the bootstrap class path, reachable from
 * every class loader, and their signatures use JDK types only, so that inlined code links anywhere;
 * changing one changes the woven protocol ({@link Dispatcher}). A test checks that the code both
 * weavers write refers to no other type of the agent.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CalledByWovenCode {
}
