"""The law the rules apply: jurisdiction profiles (:mod:`.profiles`), the applicability table,
deadlines and the working-day calendar they are counted in."""
