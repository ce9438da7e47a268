package dev.tenacious.weaving;

import dev.tenacious.runtime.Dispatcher;
import dev.tenacious.runtime.Outcome;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites one method so that its body runs in a retry loop driven by the runtime: the woven protocol
 * of {@link Dispatcher}, written directly with ASM so that weaving needs neither Byte Buddy nor a
 * class hierarchy. The layout, for each {@link WovenShape}:
 *
 * <pre>
 *   [back up the parameters, if the body writes one]   our locals start after the method's own
 *   call = Dispatcher.enter(site [, this, arg0, arg1 | , this, new Object[] {args}])
 *   [preset: arg0 = (Arg0Type) Dispatcher.firstArgument(call, arg0)]
 *   start = Dispatcher.start(site, call); skip = Dispatcher.skips(call)   (a throw here is swallowed: the body runs)
 * body0:  if (skip) goto exit
 *   ...the original body; each return stores its value and jumps to exit...
 *   (any Throwable from the body: thrown = it)           handler registered after the body's own
 * exit:   state = Dispatcher.exit(site, call, start, state, thrown [, boxed value])   (a throw here is swallowed)
 *   if state is an Outcome: thrown, value = its fields; state = null
 *   if state != null: restore the parameters; thrown = null; skip = false; goto body0
 *   if thrown != null: throw thrown; else return value
 * </pre>
 *
 * Our locals are placed after the method's {@code max_locals}, so the original code is copied
 * unchanged and each of its stack map frames only gains our locals at the end. {@link MethodFacts}
 * has checked that every return leaves nothing but the returned value on the stack.
 */
final class RetryMethodWriter extends MethodVisitor {
    private static final String DISPATCHER = Type.getInternalName(Dispatcher.class);
    private static final String OUTCOME = Type.getInternalName(Outcome.class);
    private static final String THROWABLE = "java/lang/Throwable";
    private static final String OBJECT = "java/lang/Object";
    private static final String ENTER_PLAIN = "(I)Ljava/lang/Object;";
    private static final String ENTER_PRESET = "(ILjava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;";
    private static final String ENTER_ASYNC = "(ILjava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;";
    private static final String EXIT_PLAIN = "(ILjava/lang/Object;JLjava/lang/Object;Ljava/lang/Throwable;)Ljava/lang/Object;";
    private static final String EXIT_WITH_VALUE =
            "(ILjava/lang/Object;JLjava/lang/Object;Ljava/lang/Throwable;Ljava/lang/Object;)Ljava/lang/Object;";

    private final int site;
    private final WovenShape shape;
    private final boolean isStatic;
    private final Type[] argumentTypes;
    private final Type returnType;
    private final boolean backup;
    private final int maxLocals;
    private final List<Object> parameters;
    private final List<Type> parameterTypes;
    private final int parameterSlots;
    private final List<Object> ours;
    private final int call;
    private final int start;
    private final int state;
    private final int skip;
    private final int thrown;
    private final int value;
    private final Label enterStart = new Label();
    private final Label enterEnd = new Label();
    private final Label enterHandler = new Label();
    private final Label body0 = new Label();
    private final Label bodyStart = new Label();
    private final Label bodyEnd = new Label();
    private final Label bodyHandler = new Label();
    private final Label skipped = new Label();
    private final Label exit = new Label();
    private final Label exitEnd = new Label();
    private final Label exitHandler = new Label();
    private final Label finish = new Label();
    private final Label returning = new Label();
    private boolean begun;

    RetryMethodWriter(MethodVisitor next, int site, WovenShape shape, int access, String descriptor, MethodFacts facts) {
        super(Opcodes.ASM9, next);
        this.site = site;
        this.shape = shape;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.argumentTypes = Type.getArgumentTypes(descriptor);
        this.returnType = Type.getReturnType(descriptor);
        this.backup = facts.writesParameters;
        this.maxLocals = facts.maxLocals;
        this.parameterSlots = facts.parameterSlots();
        this.parameters = facts.parameters;
        this.parameterTypes = facts.parameterTypes;
        this.ours = new ArrayList<Object>();
        int slot = maxLocals;
        if (backup) {
            ours.addAll(parameters);
            slot += parameterSlots;
        }
        call = slot;
        start = slot + 1;
        state = slot + 3;
        skip = slot + 4;
        thrown = slot + 5;
        value = slot + 6;
        ours.add(OBJECT);
        ours.add(Opcodes.LONG);
        ours.add(OBJECT);
        ours.add(Opcodes.INTEGER);
        ours.add(THROWABLE);
        if (returnType.getSort() != Type.VOID) {
            ours.add(frameType(returnType));
        }
    }

    /** How a value of type {@code t} appears in a stack map frame. */
    static Object frameType(Type t) {
        switch (t.getSort()) {
            case Type.BOOLEAN: case Type.BYTE: case Type.CHAR: case Type.SHORT: case Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            default:
                return t.getInternalName(); // the descriptor, for arrays
        }
    }

    // ---- the prologue, written before the first instruction (after the method's own handlers) ----

    private void begin() {
        if (begun) {
            return;
        }
        begun = true;
        // registered after the method's own handlers, which therefore keep precedence
        super.visitTryCatchBlock(enterStart, enterEnd, enterHandler, THROWABLE);
        super.visitTryCatchBlock(bodyStart, bodyEnd, bodyHandler, THROWABLE);
        super.visitTryCatchBlock(exit, exitEnd, exitHandler, THROWABLE);
        if (backup) {
            copyParameters(true);
        }
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitVarInsn(Opcodes.ASTORE, call);
        super.visitInsn(Opcodes.LCONST_0);
        super.visitVarInsn(Opcodes.LSTORE, start);
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitVarInsn(Opcodes.ASTORE, state);
        super.visitInsn(Opcodes.ICONST_0);
        super.visitVarInsn(Opcodes.ISTORE, skip);
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitVarInsn(Opcodes.ASTORE, thrown);
        if (returnType.getSort() != Type.VOID) {
            pushZero(returnType);
            super.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), value);
        }
        super.visitLabel(enterStart);
        enter();
        super.visitVarInsn(Opcodes.ASTORE, call);
        if (shape == WovenShape.PRESET && argumentTypes.length > 0 && isReference(argumentTypes[0])) {
            replaceFirstArgument();
        }
        pushSite();
        super.visitVarInsn(Opcodes.ALOAD, call);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "start", "(ILjava/lang/Object;)J", false);
        super.visitVarInsn(Opcodes.LSTORE, start);
        super.visitVarInsn(Opcodes.ALOAD, call);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "skips", "(Ljava/lang/Object;)Z", false);
        super.visitVarInsn(Opcodes.ISTORE, skip);
        super.visitLabel(enterEnd);
        super.visitLabel(body0);
        frame(true, null);
        super.visitVarInsn(Opcodes.ILOAD, skip);
        super.visitJumpInsn(Opcodes.IFNE, skipped);
        super.visitLabel(bodyStart);
    }

    // ---- the original body: every code event starts the body first; returns jump to the exit ----

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        begin();
        if (type != Opcodes.F_NEW) {
            throw new IllegalStateException("frames must be expanded");
        }
        List<Object> locals = new ArrayList<Object>();
        int slots = 0;
        for (int i = 0; i < numLocal; i++) {
            locals.add(local[i]);
            slots += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
        }
        for (; slots < maxLocals; slots++) {
            locals.add(Opcodes.TOP);
        }
        locals.addAll(ours);
        super.visitFrame(Opcodes.F_NEW, locals.size(), locals.toArray(), numStack, stack);
    }

    @Override
    public void visitInsn(int opcode) {
        begin();
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            if (opcode != Opcodes.RETURN) {
                super.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), value);
            }
            super.visitJumpInsn(Opcodes.GOTO, exit);
            return;
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitLabel(Label label) {
        begin();
        super.visitLabel(label);
    }

    @Override
    public void visitLineNumber(int line, Label startLabel) {
        begin();
        super.visitLineNumber(line, startLabel);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        begin();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        begin();
        super.visitVarInsn(opcode, var);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        begin();
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        begin();
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        begin();
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, net.bytebuddy.jar.asm.Handle bsm, Object... args) {
        begin();
        super.visitInvokeDynamicInsn(name, descriptor, bsm, args);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        begin();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object v) {
        begin();
        super.visitLdcInsn(v);
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        begin();
        super.visitIincInsn(var, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        begin();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        begin();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        begin();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    // ---- after the body: the exit, the repeat and the handlers ----

    @Override
    public void visitMaxs(int maxStack, int maxLocalsIgnored) {
        begin();
        super.visitLabel(bodyEnd);

        super.visitLabel(bodyHandler);
        frame(false, THROWABLE);
        super.visitVarInsn(Opcodes.ASTORE, thrown);

        super.visitLabel(exit);
        frame(false, null);
        pushSite();
        super.visitVarInsn(Opcodes.ALOAD, call);
        super.visitVarInsn(Opcodes.LLOAD, start);
        super.visitVarInsn(Opcodes.ALOAD, state);
        super.visitVarInsn(Opcodes.ALOAD, thrown);
        if (shape == WovenShape.PLAIN) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "exit", EXIT_PLAIN, false);
        } else {
            if (returnType.getSort() == Type.VOID) {
                super.visitInsn(Opcodes.ACONST_NULL);
            } else {
                super.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), value);
                box(returnType);
            }
            super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "exit", EXIT_WITH_VALUE, false);
        }
        super.visitVarInsn(Opcodes.ASTORE, state);
        super.visitVarInsn(Opcodes.ALOAD, state);
        super.visitTypeInsn(Opcodes.INSTANCEOF, OUTCOME);
        super.visitJumpInsn(Opcodes.IFEQ, exitEnd);
        super.visitVarInsn(Opcodes.ALOAD, state);
        super.visitTypeInsn(Opcodes.CHECKCAST, OUTCOME);
        super.visitFieldInsn(Opcodes.GETFIELD, OUTCOME, "thrown", "Ljava/lang/Throwable;");
        super.visitVarInsn(Opcodes.ASTORE, thrown);
        if (returnType.getSort() != Type.VOID) {
            super.visitVarInsn(Opcodes.ALOAD, state);
            super.visitTypeInsn(Opcodes.CHECKCAST, OUTCOME);
            super.visitFieldInsn(Opcodes.GETFIELD, OUTCOME, "value", "Ljava/lang/Object;");
            unboxOrCast(returnType);
            super.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), value);
        }
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitVarInsn(Opcodes.ASTORE, state);

        super.visitLabel(exitEnd); // decides: repeat, throw or return
        frame(false, null);
        super.visitVarInsn(Opcodes.ALOAD, state);
        super.visitJumpInsn(Opcodes.IFNULL, finish);
        if (backup) {
            copyParameters(false);
        }
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitVarInsn(Opcodes.ASTORE, thrown);
        super.visitInsn(Opcodes.ICONST_0);
        super.visitVarInsn(Opcodes.ISTORE, skip);
        super.visitJumpInsn(Opcodes.GOTO, body0);

        super.visitLabel(finish);
        frame(false, null);
        super.visitVarInsn(Opcodes.ALOAD, thrown);
        super.visitJumpInsn(Opcodes.IFNULL, returning);
        super.visitVarInsn(Opcodes.ALOAD, thrown);
        super.visitInsn(Opcodes.ATHROW);

        super.visitLabel(returning);
        frame(false, null);
        if (returnType.getSort() != Type.VOID) {
            super.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), value);
        }
        super.visitInsn(returnType.getOpcode(Opcodes.IRETURN));

        super.visitLabel(skipped); // the runtime refused the attempt or replaced it: straight to the exit
        frame(true, null);
        super.visitJumpInsn(Opcodes.GOTO, exit);

        super.visitLabel(enterHandler); // an error in the entry call: the body runs as if unwoven
        frame(true, THROWABLE);
        super.visitInsn(Opcodes.POP);
        super.visitJumpInsn(Opcodes.GOTO, body0);

        super.visitLabel(exitHandler); // an error in the exit call: the attempt's own outcome stands
        frame(false, THROWABLE);
        super.visitInsn(Opcodes.POP);
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitVarInsn(Opcodes.ASTORE, state);
        super.visitJumpInsn(Opcodes.GOTO, exitEnd);

        super.visitMaxs(maxStack, value + Math.max(1, returnType.getSize()));
    }

    /**
     * A frame of our code. Where the parameters hold the caller's arguments they have their declared
     * types; after the body (which may have written them) they are unusable until restored.
     */
    private void frame(boolean parametersIntact, String onStack) {
        List<Object> locals = new ArrayList<Object>();
        if (parametersIntact || !backup) {
            locals.addAll(parameters);
        } else {
            for (int i = 0; i < parameterSlots; i++) {
                locals.add(Opcodes.TOP);
            }
        }
        for (int slots = parameterSlots; slots < maxLocals; slots++) {
            locals.add(Opcodes.TOP);
        }
        locals.addAll(ours);
        Object[] stack = onStack == null ? new Object[0] : new Object[] {onStack};
        super.visitFrame(Opcodes.F_NEW, locals.size(), locals.toArray(), stack.length, stack);
    }

    /** Pushes what the shape's entry takes and calls it. */
    private void enter() {
        pushSite();
        if (shape == WovenShape.PLAIN) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "enter", ENTER_PLAIN, false);
            return;
        }
        if (isStatic) {
            super.visitInsn(Opcodes.ACONST_NULL);
        } else {
            super.visitVarInsn(Opcodes.ALOAD, 0);
        }
        if (shape == WovenShape.PRESET) {
            loadArgumentOrNull(0);
            loadArgumentOrNull(1);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "enter", ENTER_PRESET, false);
            return;
        }
        pushInt(argumentTypes.length);
        super.visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
        for (int i = 0; i < argumentTypes.length; i++) {
            super.visitInsn(Opcodes.DUP);
            pushInt(i);
            loadArgumentOrNull(i);
            super.visitInsn(Opcodes.AASTORE);
        }
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "enter", ENTER_ASYNC, false);
    }

    /** The request with the policy's timeouts, stored back into the first parameter (and its backup). */
    private void replaceFirstArgument() {
        int slot = argumentSlot(0);
        super.visitVarInsn(Opcodes.ALOAD, call);
        super.visitVarInsn(Opcodes.ALOAD, slot);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "firstArgument",
                "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;", false);
        if (!argumentTypes[0].getInternalName().equals(OBJECT)) {
            super.visitTypeInsn(Opcodes.CHECKCAST, argumentTypes[0].getInternalName());
        }
        super.visitVarInsn(Opcodes.ASTORE, slot);
        if (backup) {
            super.visitVarInsn(Opcodes.ALOAD, slot);
            super.visitVarInsn(Opcodes.ASTORE, maxLocals + slot);
        }
    }

    /** Argument {@code i}, boxed if primitive; null if the method has no such argument. */
    private void loadArgumentOrNull(int i) {
        if (i >= argumentTypes.length) {
            super.visitInsn(Opcodes.ACONST_NULL);
            return;
        }
        super.visitVarInsn(argumentTypes[i].getOpcode(Opcodes.ILOAD), argumentSlot(i));
        box(argumentTypes[i]);
    }

    private int argumentSlot(int i) {
        int slot = isStatic ? 0 : 1;
        for (int k = 0; k < i; k++) {
            slot += argumentTypes[k].getSize();
        }
        return slot;
    }

    private static boolean isReference(Type t) {
        return t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY;
    }

    /** Boxes the primitive on the stack ({@code Integer.valueOf}...); references stay as they are. */
    private void box(Type t) {
        if (isReference(t)) {
            return;
        }
        String box = boxOf(t);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, box, "valueOf", "(" + t.getDescriptor() + ")L" + box + ";", false);
    }

    private static String boxOf(Type t) {
        switch (t.getSort()) {
            case Type.BOOLEAN: return "java/lang/Boolean";
            case Type.BYTE: return "java/lang/Byte";
            case Type.CHAR: return "java/lang/Character";
            case Type.SHORT: return "java/lang/Short";
            case Type.INT: return "java/lang/Integer";
            case Type.LONG: return "java/lang/Long";
            case Type.FLOAT: return "java/lang/Float";
            case Type.DOUBLE: return "java/lang/Double";
            default: throw new IllegalArgumentException("not a primitive: " + t);
        }
    }

    /** Copies each parameter to its backup slot ({@code save}) or back. */
    private void copyParameters(boolean save) {
        int slot = 0;
        for (Type t : parameterTypes) {
            int from = save ? slot : maxLocals + slot;
            int to = save ? maxLocals + slot : slot;
            super.visitVarInsn(t.getOpcode(Opcodes.ILOAD), from);
            super.visitVarInsn(t.getOpcode(Opcodes.ISTORE), to);
            slot += t.getSize();
        }
    }

    private void pushSite() {
        pushInt(site);
    }

    private void pushInt(int n) {
        if (n >= -1 && n <= 5) {
            super.visitInsn(Opcodes.ICONST_0 + n);
        } else if (n >= Byte.MIN_VALUE && n <= Byte.MAX_VALUE) {
            super.visitIntInsn(Opcodes.BIPUSH, n);
        } else if (n >= Short.MIN_VALUE && n <= Short.MAX_VALUE) {
            super.visitIntInsn(Opcodes.SIPUSH, n);
        } else {
            super.visitLdcInsn(n);
        }
    }

    private void pushZero(Type t) {
        switch (t.getSort()) {
            case Type.LONG:
                super.visitInsn(Opcodes.LCONST_0);
                break;
            case Type.FLOAT:
                super.visitInsn(Opcodes.FCONST_0);
                break;
            case Type.DOUBLE:
                super.visitInsn(Opcodes.DCONST_0);
                break;
            case Type.OBJECT: case Type.ARRAY:
                super.visitInsn(Opcodes.ACONST_NULL);
                break;
            default:
                super.visitInsn(Opcodes.ICONST_0);
        }
    }

    /** The fallback's value (always assignable, a boxed zero for primitives) as the return type. */
    private void unboxOrCast(Type t) {
        if (isReference(t)) {
            if (!t.getInternalName().equals(OBJECT)) {
                super.visitTypeInsn(Opcodes.CHECKCAST, t.getInternalName());
            }
            return;
        }
        String box = boxOf(t);
        super.visitTypeInsn(Opcodes.CHECKCAST, box);
        super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, box, t.getClassName() + "Value", "()" + t.getDescriptor(), false);
    }
}
