package com.acme.samples.annotated;

public class ContractImpl implements Contract {
    @Override
    public String promise() {
        return "kept";
    }
}
