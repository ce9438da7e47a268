package dev.tenacious.weaving;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;

/** Resolves {@link SiteId} to a constant: the registry's id for the method being woven. */
final class SiteIdMapping implements Advice.OffsetMapping {
    private final SiteRegistry registry;

    SiteIdMapping(SiteRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod, Assigner assigner,
                          Advice.ArgumentHandler argumentHandler, Sort sort) {
        int id = registry.register(instrumentedType.getName(), instrumentedMethod.getInternalName(),
                instrumentedMethod.getDescriptor(), new DescribedMethod(instrumentedType, instrumentedMethod),
                instrumentedMethod.getReturnType().asErasure().getActualName(), Weaver.currentLoader(), declared(instrumentedMethod));
        return new Target.ForStackManipulation(IntegerConstant.forValue(id));
    }

    private static java.util.List<String> declared(MethodDescription m) {
        java.util.List<String> names = new java.util.ArrayList<String>();
        for (TypeDescription t : m.getExceptionTypes().asErasures()) {
            names.add(t.getName());
        }
        return names;
    }
}
