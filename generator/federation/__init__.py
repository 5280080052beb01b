"""Federation: an upper-level registry aggregates the catalogs of lower-level ones (issue 15).

吉林 第九条 (cities connect to the provincial platform) and 第十五条 (one province-wide catalog):
``registry.yaml`` lists ``members``; ``catalog harvest`` fetches each member (:mod:`.fetch`),
reads what it got as member records (:mod:`.records`, :mod:`.sources`), validates it with the
member's own profile, and writes one deterministic snapshot per member under ``members/<code>/``
(:mod:`.snapshot`), so that a pull request shows what was added, changed and delisted. Resource
identity across levels is the member's 行政区划代码 plus the resource code (:func:`.records.federated_id`).
The site reads the snapshots (:mod:`.combined`) and checks members' lists against this level's
(:mod:`.crosscheck`, 吉林 第二十四条).
"""
