package dev.tenacious.weaving;

import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * What the direct weaver must know about a method's code before rewriting it, read in one pass:
 * how many local slots it uses (ours go after them), whether it writes a parameter (then the
 * caller's arguments are backed up for the next attempt; so is a frame that shows a parameter
 * with another type), and whether every return leaves the
 * operand stack holding the returned value alone (else jumping to the shared exit would not
 * verify, and the method is left to Byte Buddy, which drains the stack).
 *
 * <p>The operand-stack depth is followed instruction by instruction and reset at every stack map
 * frame; class files of version 51 and later carry a frame wherever control flow joins, so a depth
 * that is unknown (after a jump, before the next frame) counts as not clean.
 */
final class MethodFacts extends MethodVisitor {
    private final int parameterSlots;
    private final int returnSize;
    /** The receiver's and parameters' types, in slot order. */
    final List<Type> parameterTypes = new ArrayList<Type>();
    /** The same types as stack map frames write them. */
    final List<Object> parameters = new ArrayList<Object>();
    int maxLocals;
    boolean writesParameters;
    boolean cleanReturns = true;
    private int depth;
    private boolean known = true;

    MethodFacts(int api, String owner, int access, String descriptor) {
        super(api);
        this.parameterSlots = (Type.getArgumentsAndReturnSizes(descriptor) >> 2) - ((access & Opcodes.ACC_STATIC) != 0 ? 1 : 0);
        this.returnSize = Type.getReturnType(descriptor).getSize();
        if ((access & Opcodes.ACC_STATIC) == 0) {
            parameterTypes.add(Type.getObjectType(owner));
        }
        parameterTypes.addAll(java.util.Arrays.asList(Type.getArgumentTypes(descriptor)));
        for (Type t : parameterTypes) {
            parameters.add(RetryMethodWriter.frameType(t));
        }
    }

    /** Slots taken by the receiver (if any) and the parameters. */
    int parameterSlots() {
        return parameterSlots;
    }

    private void push(int n) {
        depth += n;
    }

    private void end() {
        known = false;
    }

    /** Frames are expanded: a frame that does not show a parameter with its declared type is treated as a write. */
    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        for (int i = 0; i < parameters.size(); i++) {
            if (i >= numLocal || !parameters.get(i).equals(local[i])) {
                writesParameters = true;
            }
        }
        int d = 0;
        for (int i = 0; i < numStack; i++) {
            d += stack[i] == Opcodes.LONG || stack[i] == Opcodes.DOUBLE ? 2 : 1;
        }
        depth = d;
        known = true;
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            if (!known || depth != returnSize) {
                cleanReturns = false;
            }
            end();
            return;
        }
        if (opcode == Opcodes.ATHROW) {
            end();
            return;
        }
        push(insnDelta(opcode));
    }

    /** Stack effect, in slots, of the instructions without operands. */
    static int insnDelta(int op) {
        switch (op) {
            case Opcodes.NOP: case Opcodes.SWAP: case Opcodes.INEG: case Opcodes.LNEG: case Opcodes.FNEG:
            case Opcodes.DNEG: case Opcodes.I2F: case Opcodes.L2D: case Opcodes.F2I: case Opcodes.D2L:
            case Opcodes.I2B: case Opcodes.I2C: case Opcodes.I2S: case Opcodes.ARRAYLENGTH:
            case Opcodes.LALOAD: case Opcodes.DALOAD:
                return 0;
            case Opcodes.ACONST_NULL: case Opcodes.ICONST_M1: case Opcodes.ICONST_0: case Opcodes.ICONST_1:
            case Opcodes.ICONST_2: case Opcodes.ICONST_3: case Opcodes.ICONST_4: case Opcodes.ICONST_5:
            case Opcodes.FCONST_0: case Opcodes.FCONST_1: case Opcodes.FCONST_2:
            case Opcodes.DUP: case Opcodes.DUP_X1: case Opcodes.DUP_X2:
            case Opcodes.I2L: case Opcodes.I2D: case Opcodes.F2L: case Opcodes.F2D:
                return 1;
            case Opcodes.LCONST_0: case Opcodes.LCONST_1: case Opcodes.DCONST_0: case Opcodes.DCONST_1:
            case Opcodes.DUP2: case Opcodes.DUP2_X1: case Opcodes.DUP2_X2:
                return 2;
            case Opcodes.IALOAD: case Opcodes.FALOAD: case Opcodes.AALOAD: case Opcodes.BALOAD: case Opcodes.CALOAD:
            case Opcodes.SALOAD: case Opcodes.POP: case Opcodes.IADD: case Opcodes.FADD: case Opcodes.ISUB:
            case Opcodes.FSUB: case Opcodes.IMUL: case Opcodes.FMUL: case Opcodes.IDIV: case Opcodes.FDIV:
            case Opcodes.IREM: case Opcodes.FREM: case Opcodes.ISHL: case Opcodes.LSHL: case Opcodes.ISHR:
            case Opcodes.LSHR: case Opcodes.IUSHR: case Opcodes.LUSHR: case Opcodes.IAND: case Opcodes.IOR:
            case Opcodes.IXOR: case Opcodes.L2I: case Opcodes.L2F: case Opcodes.D2I: case Opcodes.D2F:
            case Opcodes.FCMPL: case Opcodes.FCMPG: case Opcodes.MONITORENTER: case Opcodes.MONITOREXIT:
                return -1;
            case Opcodes.POP2: case Opcodes.LADD: case Opcodes.DADD: case Opcodes.LSUB: case Opcodes.DSUB:
            case Opcodes.LMUL: case Opcodes.DMUL: case Opcodes.LDIV: case Opcodes.DDIV: case Opcodes.LREM:
            case Opcodes.DREM: case Opcodes.LAND: case Opcodes.LOR: case Opcodes.LXOR:
                return -2;
            case Opcodes.IASTORE: case Opcodes.FASTORE: case Opcodes.AASTORE: case Opcodes.BASTORE:
            case Opcodes.CASTORE: case Opcodes.SASTORE: case Opcodes.LCMP: case Opcodes.DCMPL: case Opcodes.DCMPG:
                return -3;
            case Opcodes.LASTORE: case Opcodes.DASTORE:
                return -4;
            default:
                throw new IllegalArgumentException("unexpected opcode " + op);
        }
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        push(opcode == Opcodes.NEWARRAY ? 0 : 1);
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        switch (opcode) {
            case Opcodes.ILOAD: case Opcodes.FLOAD: case Opcodes.ALOAD:
                push(1);
                break;
            case Opcodes.LLOAD: case Opcodes.DLOAD:
                push(2);
                break;
            case Opcodes.ISTORE: case Opcodes.FSTORE: case Opcodes.ASTORE:
                push(-1);
                wrote(var);
                break;
            case Opcodes.LSTORE: case Opcodes.DSTORE:
                push(-2);
                wrote(var);
                break;
            default: // RET: subroutines are not in class files of version 51 and later; refuse anyway
                cleanReturns = false;
                end();
        }
    }

    private void wrote(int var) {
        if (var < parameterSlots) {
            writesParameters = true;
        }
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        wrote(var);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        push(opcode == Opcodes.NEW ? 1 : 0);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        int size = Type.getType(descriptor).getSize();
        switch (opcode) {
            case Opcodes.GETSTATIC:
                push(size);
                break;
            case Opcodes.PUTSTATIC:
                push(-size);
                break;
            case Opcodes.GETFIELD:
                push(size - 1);
                break;
            default:
                push(-size - 1);
        }
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        invoke(descriptor, opcode == Opcodes.INVOKESTATIC ? 0 : 1);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, net.bytebuddy.jar.asm.Handle bsm, Object... args) {
        invoke(descriptor, 0);
    }

    private void invoke(String descriptor, int receiver) {
        int sizes = Type.getArgumentsAndReturnSizes(descriptor);
        push((sizes & 3) - ((sizes >> 2) - 1) - receiver);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        switch (opcode) {
            case Opcodes.GOTO:
                end();
                break;
            case Opcodes.JSR:
                cleanReturns = false;
                end();
                break;
            case Opcodes.IF_ICMPEQ: case Opcodes.IF_ICMPNE: case Opcodes.IF_ICMPLT: case Opcodes.IF_ICMPGE:
            case Opcodes.IF_ICMPGT: case Opcodes.IF_ICMPLE: case Opcodes.IF_ACMPEQ: case Opcodes.IF_ACMPNE:
                push(-2);
                break;
            default: // IFEQ..IFLE, IFNULL, IFNONNULL
                push(-1);
        }
    }

    @Override
    public void visitLdcInsn(Object value) {
        if (value instanceof Long || value instanceof Double) {
            push(2);
        } else if (value instanceof net.bytebuddy.jar.asm.ConstantDynamic) {
            push(((net.bytebuddy.jar.asm.ConstantDynamic) value).getSize());
        } else {
            push(1);
        }
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        end();
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        end();
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        push(1 - numDimensions);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        this.maxLocals = maxLocals;
    }
}
