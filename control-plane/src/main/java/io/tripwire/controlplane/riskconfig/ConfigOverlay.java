package io.tripwire.controlplane.riskconfig;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A service's {@code @ConfigMapping} group with the risk configuration laid over it: a method whose
 * property ({@code prefix} + the method name in kebab case, SmallRye's naming) is set in the
 * {@link RiskSettings} answers that value; every other method answers the service's own setting.
 * Built once per configuration version; calls are a map lookup.
 */
public final class ConfigOverlay {

    private ConfigOverlay() {
    }

    public static <T> T over(Class<T> group, T base, String prefix, RiskSettings settings) {
        Objects.requireNonNull(base, "base");
        Map<String, Object> answers = new HashMap<>();
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() == 0) {
                settings.typed(prefix + kebab(method.getName()))
                        .ifPresent(value -> answers.put(method.getName(), convert(value, method)));
            }
        }
        if (answers.isEmpty()) {
            return base;
        }
        Object proxy = Proxy.newProxyInstance(group.getClassLoader(), new Class<?>[] {group}, (self, method, args) -> {
            if (method.getParameterCount() == 0 && answers.containsKey(method.getName())) {
                return answers.get(method.getName());
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> group.getSimpleName() + " overlaid with risk config version " + settings.version();
                    case "hashCode" -> System.identityHashCode(self);
                    default -> self == args[0];
                };
            }
            try {
                return method.invoke(base, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return group.cast(proxy);
    }

    static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Object convert(Object value, Method method) {
        Class<?> type = method.getReturnType();
        if ((type == int.class || type == Integer.class) && value instanceof Integer) {
            return value;
        }
        if (type == long.class && value instanceof Integer i) {
            return i.longValue();
        }
        if (type == BigDecimal.class && value instanceof BigDecimal) {
            return value;
        }
        if (type == Duration.class && value instanceof Duration) {
            return value;
        }
        throw new IllegalStateException("risk setting for " + method + " is a " + value.getClass().getSimpleName());
    }
}
