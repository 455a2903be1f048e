package io.liveupdate.differ;

import io.liveupdate.differ.model.MethodModel;
import java.util.Map;
import java.util.Set;

/**
 * Finds lambda bodies that moved to another synthetic method. javac names lambda methods by position
 * ({@code lambda$method$N}); inserting, removing or swapping lambdas shifts bodies between names, and an existing
 * lambda object keeps calling its method by name, so after redefinition it would run another lambda's body.
 */
final class LambdaBodies {
    private LambdaBodies() {}

    static boolean isLambda(MethodModel m) {
        return m.isSynthetic() && m.name().startsWith("lambda$");
    }

    static void detectMoves(
            Map<String, MethodModel> oldMethods, Map<String, MethodModel> newMethods, Set<Hazard> hazards) {
        for (MethodModel now : newMethods.values()) {
            if (!isLambda(now) || now.code().equals(sameNameBody(oldMethods, now))) {
                continue;
            }
            for (MethodModel before : oldMethods.values()) {
                if (isLambda(before)
                        && !before.member().equals(now.member())
                        && before.descriptor().equals(now.descriptor())
                        && before.code().equals(now.code())
                        && !before.code().equals(sameNameBody(newMethods, before))) {
                    hazards.add(Hazard.LAMBDA_BODIES_MOVED);
                    return;
                }
            }
        }
    }

    private static Object sameNameBody(Map<String, MethodModel> methods, MethodModel m) {
        MethodModel same = methods.get(m.member());
        return same == null ? null : same.code();
    }
}
