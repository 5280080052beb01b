"""What one benchmark run measured, and the statistics over its rounds (medians, minimums, ratios)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

PROJECT_COLD = "build_cold"
PROJECT_CHANGE = "build_one_change"
PEER_COLD = "peer_cold"
"""Derived per round: Hugo's cold build plus Pagefind's index of its output."""
PEER_CHANGE = "hugo_one_change"


@dataclass
class Sample:
    """One measurement of one step in one round."""

    seconds: float | None = None
    rss_mb: float | None = None
    """Largest resident set of any single process of the step."""
    tree_mb: float | None = None
    """Largest sum of the PSS of all the step's processes at once (sampled every 0.2 s)."""
    bytes: int | None = None
    ok: bool = True
    note: str = ""
    tree_parts: list[str] = field(default_factory=list)
    """The processes at the ``tree_mb`` peak with their PSS, largest first."""
    stages: list[str] = field(default_factory=list)
    """The step's own log lines that report durations (its stages), as a profile."""


@dataclass
class Run:
    resources: int
    departments: int
    items: int
    commits: int
    rounds: int = 0
    samples: dict[str, list[Sample]] = field(default_factory=dict)
    """Step name → one sample per round, in round order (a step not run in a round has none)."""
    sizes: dict[str, int | None] = field(default_factory=dict)
    """site_bytes, page_bytes (the project), peer_site_bytes, peer_page_bytes."""
    peer: str = ""
    """Hugo's version when the peer was measured; otherwise why it was not (starts with ``未测``)."""
    load: list[float] = field(default_factory=list)
    """The machine's load average (1 min) at the end of each round: how shared it was."""

    def add(self, name: str, sample: Sample) -> Sample:
        self.samples.setdefault(name, []).append(sample)
        return sample

    @property
    def peer_measured(self) -> bool:
        return not self.peer.startswith("未测")

    def ok(self, name: str) -> list[Sample]:
        return [s for s in self.samples.get(name, []) if s.ok and s.seconds is not None]

    def values(self, name: str, attr: str = "seconds") -> list[float]:
        found = (getattr(s, attr) for s in self.ok(name))
        return [float(v) for v in found if v is not None]

    def median(self, name: str, attr: str = "seconds") -> float | None:
        values = self.values(name, attr)
        return statistics.median(values) if values else None

    def least(self, name: str, attr: str = "seconds") -> float | None:
        values = self.values(name, attr)
        return min(values) if values else None

    def most(self, name: str, attr: str) -> float | None:
        values = self.values(name, attr)
        return max(values) if values else None

    def ratio(self, name: str, other: str) -> float | None:
        """Median over rounds of ``name / other`` measured in the same round (so a busy machine
        slows both sides of each pair alike)."""
        pairs = [
            a.seconds / b.seconds
            for a, b in zip(self.samples.get(name, []), self.samples.get(other, []), strict=False)
            if a.ok and b.ok and a.seconds and b.seconds
        ]
        return statistics.median(pairs) if pairs else None

    def failures(self) -> list[str]:
        return [f"{name}: {s.note}" for name, samples in self.samples.items() for s in samples if not s.ok]


def combine(first: Sample, second: Sample) -> Sample:
    """Two steps run one after the other (Hugo, then Pagefind) as one."""
    if not (first.ok and second.ok) or first.seconds is None or second.seconds is None:
        return Sample(ok=False, note=first.note or second.note or "前一步失败")
    peaks = [v for v in (first.tree_mb, second.tree_mb) if v is not None]
    rss = [v for v in (first.rss_mb, second.rss_mb) if v is not None]
    return Sample(first.seconds + second.seconds, max(rss) if rss else None, max(peaks) if peaks else None)
