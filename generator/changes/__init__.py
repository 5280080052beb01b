"""Changes: what a pull request does (:mod:`.classify`, :mod:`.diffs`, :mod:`.areas`), the tree
and whole-catalog checks of its result, the policy on it, and the check that puts them together
(:mod:`.review`)."""
