package com.acme.samples.annotated;

/** Carries the annotation on the class: every method the rule's method pattern matches. */
@Audited
public class AuditedService {
    public String open() {
        return "open";
    }

    public String close() {
        return "close";
    }
}
