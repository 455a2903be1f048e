package io.liveupdate.differ;

import io.liveupdate.differ.model.ClassModel;

/**
 * One class that differs by bytes, after comparison.
 *
 * @param name binary name with dots
 * @param status added, removed or changed; null when the class is equal by meaning (unchanged)
 * @param before the old model, null when added
 * @param after the new model, null when removed
 * @param comparison the changes, checks, hazards and level the comparator found
 */
record ComparedClass(
        String name, ClassStatus status, ClassModel before, ClassModel after, ClassComparator.Comparison comparison) {}
