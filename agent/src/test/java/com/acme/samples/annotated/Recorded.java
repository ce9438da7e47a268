package com.acme.samples.annotated;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Kept in the class file only (invisible to reflection): matched by name all the same. */
@Retention(RetentionPolicy.CLASS)
public @interface Recorded {
}
