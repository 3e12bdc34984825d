package dev.tiering.engine.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The classes the executable model made of one rule set, read from their bytecode before any of
 * them is loaded: what every method names and calls, checked against the {@link Allowlist}; which
 * rule or function each class was made from, so that a refusal can name it; and which methods are
 * entered only by the engine, so that {@link Instrumenter} need not count them.
 *
 * <p>A rule set's own classes may use one another. A member a class inherits from outside the rule
 * set is checked where it comes from: a rule's class that extends {@code Object} may not call
 * {@code getClass()} on itself either.
 */
public final class RuleClasses {
    /** The bootstrap methods of lambdas, method references, string concatenation and records. */
    private static final Set<String> BOOTSTRAPS =
            Set.of(
                    "java/lang/invoke/LambdaMetafactory.metafactory",
                    "java/lang/invoke/LambdaMetafactory.altMetafactory",
                    "java/lang/invoke/StringConcatFactory.makeConcatWithConstants",
                    "java/lang/invoke/StringConcatFactory.makeConcat",
                    "java/lang/runtime/ObjectMethods.bootstrap");

    /** The marker interface of the executable model's generated lambda classes. */
    private static final String GENERATED_LAMBDA = "org/drools/model/functions/HashedExpression";

    private static final String MODEL = "org/drools/model/Model";

    /** A use of something the allowlist does not allow, in a method of a rule set's class. */
    public record Finding(String className, String method, String rule, String what, String why) {
        /** The simple name of what was refused, to look for in the rule's text. */
        public String simpleName() {
            String w = what;
            int paren = w.indexOf('(');
            if (paren >= 0) {
                w = w.substring(0, paren);
            }
            if (w.endsWith(".<init>")) {
                w = w.substring(0, w.length() - ".<init>".length());
            }
            int cut = Math.max(w.lastIndexOf('.'), w.lastIndexOf('$'));
            return cut < 0 ? w : w.substring(cut + 1);
        }
    }

    /** One class, as read. */
    static final class ClassInfo {
        final String name;
        String superName;
        String[] interfaces = new String[0];
        final Set<String> methods = new HashSet<>(); // name + descriptor
        final Set<String> fields = new HashSet<>();

        /** Methods whose bodies name another class of the rule set (not leaves). */
        final Set<String> referencingOwn = new HashSet<>();

        ClassInfo(String name) {
            this.name = name;
        }

        boolean generatedLambda() {
            return name.indexOf('$') < 0 && List.of(interfaces).contains(GENERATED_LAMBDA);
        }

        boolean model() {
            return List.of(interfaces).contains(MODEL);
        }
    }

    private final Map<String, byte[]> bytes;
    private final Map<String, ClassInfo> classes = new LinkedHashMap<>();
    private final List<Finding> findings = new ArrayList<>();

    /** Methods of the rule set that its own code calls, as owner.name+descriptor. */
    private final Set<String> calledByOwn = new HashSet<>();

    /** Class → the rule whose condition or consequence it holds. */
    private final Map<String, String> ruleOf = new HashMap<>();

    private final Allowlist allowlist;

    private RuleClasses(Map<String, byte[]> bytes, Allowlist allowlist) {
        this.bytes = bytes;
        this.allowlist = allowlist;
    }

    /**
     * Reads and checks the classes of one rule set.
     *
     * @param bytes internal name ({@code rules/Rules1A2B}) → class file
     */
    public static RuleClasses read(Map<String, byte[]> bytes, Allowlist allowlist) {
        RuleClasses r = new RuleClasses(bytes, allowlist);
        bytes.forEach((name, b) -> r.declare(name, b));
        bytes.forEach((name, b) -> r.check(b));
        return r;
    }

    /** Everything refused, in the order the classes were read. */
    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /**
     * The rule a class was made from, as far as the generated code says: a condition names its
     * rules; a consequence is named by the method that builds its rule; a class nested in one
     * belongs to the same rule. Null for a function's class or the model's own scaffolding.
     */
    public String ruleOf(String className) {
        String c = className;
        while (true) {
            String r = ruleOf.get(c);
            if (r != null) {
                return r;
            }
            int dollar = c.lastIndexOf('$');
            if (dollar < 0) {
                return null;
            }
            c = c.substring(0, dollar);
        }
    }

    /** Whether the class is the rule set's model class, whose static methods are its functions. */
    public boolean isModel(String className) {
        ClassInfo c = classes.get(className);
        return c != null && c.model();
    }

    /** The internal names of the model classes ({@code org.drools.model.Model}) to instantiate. */
    public List<String> models() {
        List<String> out = new ArrayList<>();
        classes.values()
                .forEach(
                        c -> {
                            if (c.model()) {
                                out.add(c.name);
                            }
                        });
        return out;
    }

    Map<String, byte[]> bytes() {
        return bytes;
    }

    boolean own(String internalName) {
        return classes.containsKey(internalName);
    }

    /**
     * Whether a method's entry must count against the budget: every method of the rule set but
     * those only the engine enters (a generated condition's or consequence's own method that no
     * rule code calls), which cannot take part in a recursion of their own.
     */
    boolean countsEntry(String className, String method, String descriptor, int access) {
        ClassInfo c = classes.get(className);
        if (c == null || (access & Opcodes.ACC_ABSTRACT) != 0) {
            return false;
        }
        if (c.generatedLambda()
                && (access & Opcodes.ACC_STATIC) == 0
                && !method.startsWith("<")
                && !calledByOwn.contains(className + "." + method + descriptor)) {
            return false;
        }
        return true;
    }

    private void declare(String name, byte[] b) {
        ClassInfo info = new ClassInfo(name);
        classes.put(name, info);
        new ClassReader(b)
                .accept(
                        new ClassVisitor(Opcodes.ASM9) {
                            @Override
                            public void visit(
                                    int version,
                                    int access,
                                    String n,
                                    String signature,
                                    String superName,
                                    String[] interfaces) {
                                info.superName = superName;
                                info.interfaces = interfaces == null ? new String[0] : interfaces;
                            }

                            @Override
                            public FieldVisitor visitField(
                                    int access, String n, String d, String s, Object v) {
                                info.fields.add(n);
                                return null;
                            }

                            @Override
                            public MethodVisitor visitMethod(
                                    int access, String n, String d, String s, String[] e) {
                                info.methods.add(n + d);
                                return null;
                            }
                        },
                        ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG);
    }

    private void check(byte[] b) {
        new ClassReader(b).accept(new Checker(), ClassReader.SKIP_DEBUG);
    }

    /** Walks one class: its declarations, then every instruction of every method. */
    private final class Checker extends ClassVisitor {
        private ClassInfo info;
        private String method = "";

        /** This class's findings, whose rule is known once every method is read. */
        private final List<Finding> found = new ArrayList<>();

        /** Method → the rule it builds (the executable model builds each rule in a method). */
        private final Map<String, String> ruleByMethod = new HashMap<>();

        Checker() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(
                int version,
                int access,
                String name,
                String signature,
                String superName,
                String[] interfaces) {
            info = classes.get(name);
            if (superName != null && !typeOk(Type.getObjectType(superName))) {
                refuse("extends " + dotted(superName), "a rule's class may not extend it");
            }
            for (String i : info.interfaces) {
                if (!typeOk(Type.getObjectType(i))) {
                    refuse("implements " + dotted(i), "a rule's class may not implement it");
                }
            }
        }

        @Override
        public FieldVisitor visitField(
                int access, String name, String descriptor, String signature, Object value) {
            if (!typeOk(Type.getType(descriptor))) {
                refuse(
                        "a field of type " + Type.getType(descriptor).getClassName(),
                        "the type is not allowed");
            }
            return null;
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] ex) {
            method = name;
            if ((access & Opcodes.ACC_NATIVE) != 0) {
                refuse("native method " + name, "native code is not allowed");
            }
            if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                refuse("synchronized method " + name, "locks are not allowed");
            }
            for (Type t : Type.getArgumentTypes(descriptor)) {
                if (!typeOk(t)) {
                    refuse("a parameter of type " + t.getClassName(), "the type is not allowed");
                }
            }
            if (!typeOk(Type.getReturnType(descriptor))) {
                refuse(
                        "a result of type " + Type.getReturnType(descriptor).getClassName(),
                        "the type is not allowed");
            }
            return new Body(name, descriptor, (access & Opcodes.ACC_BRIDGE) != 0);
        }

        /** The instructions of one method. */
        private final class Body extends MethodVisitor {
            private final String name;
            private final String descriptor;
            private final List<String> strings = new ArrayList<>();
            private final Set<String> ownReferenced = new HashSet<>();
            private String ruleName;

            /** A bridge only hands a call on to the method it bridges: no caller of its own. */
            private final boolean bridge;

            Body(String name, String descriptor, boolean bridge) {
                super(Opcodes.ASM9);
                this.name = name;
                this.descriptor = descriptor;
                this.bridge = bridge;
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                Type t = type.startsWith("[") ? Type.getType(type) : Type.getObjectType(type);
                noteOwn(t);
                if (!typeOk(t)) {
                    refuse(t.getClassName(), "the type is not allowed");
                }
            }

            @Override
            public void visitMultiANewArrayInsn(String desc, int dims) {
                refuse("a " + dims + "-dimensional array", "arrays of arrays are not allowed");
            }

            @Override
            public void visitInsn(int opcode) {
                if (opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT) {
                    refuse("synchronized", "locks are not allowed");
                }
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String n, String desc) {
                if (own(owner)) {
                    ownReferenced.add(owner);
                    if (opcode == Opcodes.PUTSTATIC && !name.equals("<clinit>")) {
                        refuse(
                                dotted(owner) + "." + n,
                                "rule code may not keep state from one classification to the next");
                    }
                    if (!declaredInOwn(owner, n, null)) {
                        memberFromOutside(owner, n, desc);
                    }
                    return;
                }
                if (opcode == Opcodes.PUTSTATIC || opcode == Opcodes.PUTFIELD) {
                    refuse(dotted(owner) + "." + n, "rule code may not change it");
                } else {
                    String why = allowlist.whyNot(owner, n, desc);
                    if (why != null) {
                        refuse(dotted(owner) + "." + n, why);
                    }
                }
            }

            @Override
            public void visitMethodInsn(
                    int opcode, String owner, String n, String desc, boolean itf) {
                if (opcode == Opcodes.INVOKESTATIC
                        && owner.equals("org/drools/modelcompiler/dsl/pattern/D")
                        && n.equals("rule")
                        && strings.size() >= 2) {
                    ruleName = strings.get(strings.size() - 1);
                }
                if (n.equals("addRuleNames")
                        && owner.equals("org/drools/model/functions/PredicateInformation")) {
                    // ("rule", "file") pairs: the rules whose condition this is
                    for (int i = 1; i + 1 < strings.size(); i += 2) {
                        ruleOf.putIfAbsent(info.name, strings.get(i));
                    }
                }
                member(owner, n, desc);
            }

            @Override
            public void visitInvokeDynamicInsn(
                    String n, String desc, Handle bootstrap, Object... args) {
                String bsm = bootstrap.getOwner() + "." + bootstrap.getName();
                if (!BOOTSTRAPS.contains(bsm)) {
                    refuse(dotted(bsm), "this kind of dynamic call is not allowed");
                    return;
                }
                if (!signatureOk(desc)) {
                    refuse(
                            "a lambda or reference of type "
                                    + Type.getReturnType(desc).getClassName(),
                            "the type is not allowed");
                }
                for (Object a : args) {
                    constant(a);
                }
            }

            @Override
            public void visitLdcInsn(Object value) {
                if (value instanceof String s) {
                    strings.add(s);
                }
                constant(value);
            }

            @Override
            public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                if (type == null || own(type)) {
                    return;
                }
                if (type.equals("java/lang/Throwable")
                        || type.equals("java/lang/Error")
                        || !allowlist.classAllowed(type)) {
                    refuse("catch " + dotted(type), "rule code may not catch it");
                }
            }

            @Override
            public void visitEnd() {
                if (!ownReferenced.isEmpty()) {
                    info.referencingOwn.add(name + descriptor);
                }
                if (ruleName != null) {
                    ruleByMethod.put(name, ruleName);
                    for (String c : ownReferenced) {
                        // the conditions and consequences a rule method refers to are that rule's;
                        // the model class and its metadata are every rule's
                        if (!c.equals(info.name) && classes.get(c).generatedLambda()) {
                            ruleOf.putIfAbsent(c, ruleName);
                        }
                    }
                }
            }

            private void constant(Object value) {
                if (value instanceof Type t) {
                    if (t.getSort() == Type.METHOD) {
                        if (!signatureOk(t.getDescriptor())) {
                            refuse("a method type " + t, "a type in it is not allowed");
                        }
                    } else {
                        noteOwn(t);
                        if (!typeOk(t)) {
                            refuse(t.getClassName(), "the type is not allowed");
                        }
                    }
                } else if (value instanceof Handle h) {
                    member(h.getOwner(), h.getName(), h.getDesc());
                } else if (value instanceof ConstantDynamic c) {
                    refuse("a dynamic constant " + c.getName(), "not allowed");
                }
            }

            private void member(String owner, String n, String desc) {
                if (owner.startsWith("[")) {
                    if (!allowlist.memberAllowed(owner, n, desc)) {
                        refuse("an array's " + n, "not on the allowlist");
                    }
                    return;
                }
                if (own(owner)) {
                    ownReferenced.add(owner);
                    if (!bridge) {
                        calledByOwn.add(owner + "." + n + desc);
                    }
                    if (!declaredInOwn(owner, n, desc)) {
                        memberFromOutside(owner, n, desc);
                    }
                    return;
                }
                String why = allowlist.whyNot(owner, n, desc);
                if (why != null) {
                    refuse(dotted(owner) + "." + n + readable(desc), why);
                }
            }

            private void noteOwn(Type t) {
                Type e = t.getSort() == Type.ARRAY ? t.getElementType() : t;
                if (e.getSort() == Type.OBJECT && own(e.getInternalName())) {
                    ownReferenced.add(e.getInternalName());
                }
            }
        }

        /**
         * A member a class of the rule set does not declare: it comes from a class or interface
         * outside the rule set, and is allowed only if one of those allows it.
         */
        private void memberFromOutside(String owner, String n, String desc) {
            for (String outside : outsideSupertypes(owner)) {
                if (allowlist.memberAllowed(outside, n, desc)) {
                    return;
                }
            }
            refuse(dotted(owner) + "." + n + readable(desc), "inherited, and not on the allowlist");
        }

        private void refuse(String what, String why) {
            found.add(new Finding(dotted(info.name), method, null, what, why));
        }

        @Override
        public void visitEnd() {
            for (Finding f : found) {
                String m = f.method();
                if (m.startsWith("lambda$")) {
                    m =
                            m.substring(
                                    "lambda$".length(),
                                    Math.max(m.lastIndexOf('$'), "lambda$".length()));
                }
                findings.add(
                        new Finding(
                                f.className(), f.method(), ruleByMethod.get(m), f.what(), f.why()));
            }
        }
    }

    /**
     * Whether {@code n} (with descriptor {@code desc}, or any, for a field) is declared by the rule
     * set's own class chain.
     */
    private boolean declaredInOwn(String owner, String n, String desc) {
        String c = owner;
        while (c != null && own(c)) {
            ClassInfo i = classes.get(c);
            if (desc == null ? i.fields.contains(n) : i.methods.contains(n + desc)) {
                return true;
            }
            for (String itf : i.interfaces) {
                if (own(itf) && declaredInOwn(itf, n, desc)) {
                    return true;
                }
            }
            c = i.superName;
        }
        return false;
    }

    /**
     * The first supertypes outside the rule set of one of its classes: its outside superclass and
     * interfaces.
     */
    private List<String> outsideSupertypes(String owner) {
        List<String> out = new ArrayList<>();
        String c = owner;
        while (c != null && own(c)) {
            ClassInfo i = classes.get(c);
            for (String itf : i.interfaces) {
                if (!own(itf)) {
                    out.add(itf);
                }
            }
            c = i.superName;
        }
        if (c != null) {
            out.add(0, c);
        }
        return out;
    }

    private boolean typeOk(Type t) {
        Type e = t.getSort() == Type.ARRAY ? t.getElementType() : t;
        return e.getSort() != Type.OBJECT || own(e.getInternalName()) || allowlist.typeAllowed(e);
    }

    private boolean signatureOk(String methodDescriptor) {
        Type m = Type.getMethodType(methodDescriptor);
        for (Type a : m.getArgumentTypes()) {
            if (!typeOk(a)) {
                return false;
            }
        }
        return typeOk(m.getReturnType());
    }

    static String dotted(String internal) {
        return internal.replace('/', '.');
    }

    private static String readable(String desc) {
        if (!desc.startsWith("(")) {
            return "";
        }
        StringBuilder b = new StringBuilder("(");
        Type[] args = Type.getArgumentTypes(desc);
        for (int i = 0; i < args.length; i++) {
            b.append(i == 0 ? "" : ", ").append(simple(args[i].getClassName()));
        }
        return b.append(')').toString();
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
