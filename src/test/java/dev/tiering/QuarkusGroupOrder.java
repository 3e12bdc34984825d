package dev.tiering;

import java.lang.annotation.Annotation;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order of the {@code @QuarkusTest} applications: those whose tests keep both cores busy (many
 * reloads under load, 10,000 operators previewed in parallel, the checker JVM) last.
 *
 * <p>Quarkus runs its test classes on one thread, one application after another, grouped by test
 * profile; the classes without Quarkus run on the other thread and are done well before the last
 * application. From then on only the Quarkus thread has work, and an application whose tests are a
 * client and a server taking turns (most of them) keeps one core of the two busy. Run last, the
 * applications that reload and preview in parallel use the second core too.
 *
 * <p>Quarkus takes this as its secondary orderer ({@code junit.quarkus.orderer.secondary-orderer}
 * in the pom): it still groups the classes by application, and orders the groups by their first
 * class here. Within a group, and among profiles not named here, the order is by class name, as
 * before.
 */
public final class QuarkusGroupOrder implements ClassOrderer {
    /** Test profiles whose applications run last, in this order. */
    static final List<String> LAST =
            List.of(
                    "dev.tiering.lifecycle.RulesCopy$SeededStore",
                    "dev.tiering.lifecycle.RulesCopy$Checked");

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors()
                .sort(
                        Comparator.comparingInt(QuarkusGroupOrder::rank)
                                .thenComparing(d -> d.getTestClass().getName()));
    }

    private static int rank(ClassDescriptor d) {
        return LAST.indexOf(profile(d.getTestClass())) + 1;
    }

    /**
     * The class's test profile, by name: a {@code @QuarkusTest} class comes from its application's
     * class loader, whose {@code TestProfile} is not necessarily the one this class sees.
     */
    private static String profile(Class<?> test) {
        for (Annotation a : test.getAnnotations()) {
            if (a.annotationType().getName().equals("io.quarkus.test.junit.TestProfile")) {
                try {
                    return ((Class<?>) a.annotationType().getMethod("value").invoke(a)).getName();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read the test profile of " + test, e);
                }
            }
        }
        return "";
    }
}
