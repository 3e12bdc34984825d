package dev.tiering.web;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import dev.tiering.codec.Json;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Gives Quarkus' ObjectMapper the service's strict JSON dialect ({@link Json}), and Blackbird for
 * writing (the service writes many answers; the check command, which does not, leaves it out of its
 * jar).
 */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        Json.configure(mapper);
        mapper.registerModule(writeOnly(new BlackbirdModule()));
    }

    /**
     * Blackbird for writing only: it reads bean properties through generated lambdas instead of
     * {@code Method.invoke} (a tenth of a batch's time went to reflection; BENCHMARKS.md, second
     * round). Its readers are left out: they report a bad value without the field's path, and every
     * 400 names the field.
     */
    static Module writeOnly(Module module) {
        return new Module() {
            @Override
            public String getModuleName() {
                return module.getModuleName() + "-write-only";
            }

            @Override
            public Version version() {
                return module.version();
            }

            @Override
            public void setupModule(SetupContext context) {
                module.setupModule(
                        (SetupContext)
                                Proxy.newProxyInstance(
                                        JsonConfig.class.getClassLoader(),
                                        new Class<?>[] {SetupContext.class},
                                        (proxy, method, args) -> {
                                            if (method.getName()
                                                    .equals("addBeanDeserializerModifier")) {
                                                return null;
                                            }
                                            try {
                                                return method.invoke(context, args);
                                            } catch (InvocationTargetException e) {
                                                throw e.getCause();
                                            }
                                        }));
            }
        };
    }
}
