package com.acme.samples.annotated;

/** Inherits the class annotation (it is @Inherited) and overrides an annotated class's method: neither counts. */
public class InheritingService extends AuditedService {
    @Override
    public String open() {
        return "open again";
    }

    public String extra() {
        return "extra";
    }
}
