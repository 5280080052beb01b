"""Public notices (公示) before a resource is delisted: one domain, thin adapters.

* :mod:`~generator.notices.rules` — the rules of a notice: start, terms, end, provisional end, due
  date (``executable_from``), reminder, late announcement. No git, no forge.
* :mod:`~generator.notices.start` — where a notice starts in the base branch's history and how that
  day is dated by a clock the applicant cannot set (the forge's record or its merge commits).
* :mod:`~generator.notices.bot`, :mod:`~generator.notices.messages`,
  :mod:`~generator.notices.statusedit` — the forge adapter: announcements, reminders and the
  下线执行 pull request (``catalog notice --apply``).

Other adapters live with their stage: the CLI (:mod:`generator.commands.notice`,
:mod:`generator.report.notices`), the pull-request check (:mod:`generator.changes.policy`, the P-rules in
:mod:`generator.rules.changes_doc`, :mod:`generator.report.markdown`) and the site
(:mod:`generator.publish.notices`).
"""
