package dev.tiering.engine.sandbox;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Makes a rule set's checked classes count against the {@link Budget}: a step as a method is
 * entered (but for the conditions' and consequences' own methods, which only the engine enters) and
 * on every jump back to an earlier instruction (each turn of a loop), and a check of the length of
 * every array before it is made. Nothing else changes: the calls take and leave the operand stack
 * as they find it, so the class's frames stay valid.
 */
public final class Instrumenter {
    private static final String BUDGET = "dev/tiering/engine/sandbox/Budget";

    private Instrumenter() {}

    /** The classes of {@code classes}, instrumented; internal name → class file. */
    public static Map<String, byte[]> instrument(RuleClasses classes) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        classes.bytes().forEach((name, bytes) -> out.put(name, instrument(classes, name, bytes)));
        return out;
    }

    private static byte[] instrument(RuleClasses classes, String name, byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(
                new ClassVisitor(Opcodes.ASM9, writer) {
                    @Override
                    public MethodVisitor visitMethod(
                            int access, String method, String desc, String sig, String[] ex) {
                        MethodVisitor next = super.visitMethod(access, method, desc, sig, ex);
                        return next == null
                                ? null
                                : new Counting(
                                        next, classes.countsEntry(name, method, desc, access));
                    }
                },
                0);
        return writer.toByteArray();
    }

    /** One method's body with its steps counted. */
    private static final class Counting extends MethodVisitor {
        private final boolean countEntry;
        private final Set<Label> seen = new HashSet<>();

        Counting(MethodVisitor next, boolean countEntry) {
            super(Opcodes.ASM9, next);
            this.countEntry = countEntry;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            if (countEntry) {
                step();
            }
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) {
                step();
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            if (backward(dflt, labels)) {
                step();
            }
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            if (backward(dflt, labels)) {
                step();
            }
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            if (opcode == Opcodes.NEWARRAY) {
                arrayLength();
            }
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            if (opcode == Opcodes.ANEWARRAY) {
                arrayLength();
            }
            super.visitTypeInsn(opcode, type);
        }

        private boolean backward(Label dflt, Label[] labels) {
            if (seen.contains(dflt)) {
                return true;
            }
            for (Label l : labels) {
                if (seen.contains(l)) {
                    return true;
                }
            }
            return false;
        }

        private void step() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BUDGET, "step", "()V", false);
        }

        private void arrayLength() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BUDGET, "arrayLength", "(I)I", false);
        }
    }
}
