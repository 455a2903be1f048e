String log = new File(basedir, 'build.log').text
String descriptor(String module, String artifact) {
    new java.util.zip.ZipFile(new File(basedir, "${module}/target/${artifact}-1.0-update.jar")).with { z ->
        z.getInputStream(z.getEntry('META-INF/liveupdate/update.json')).text
    }
}
String core = descriptor('core', 'core')
assert core.contains('"level" : "ENHANCED"')
assert core.contains('"kind" : "METHOD_ADDED"') && core.contains('describe()Ljava/lang/String;')
assert log.contains('update: util: no class changed since v1.0; no unit')
assert !new File(basedir, 'util/target/util-1.0-update.jar').exists()
String app = descriptor('app', 'app')
assert app.contains('"name" : "demo.app.Banner"') && app.contains('"status" : "ADDED"')
assert log.contains('[LEVEL_TOO_HIGH] the update needs ENHANCED, above update.maxLevel HOTSWAP: demo.core.Service ENHANCED')
// update:history, run once at the root (an aggregator): the two commits of the repository, the reports of the root,
// named after the top-level project (artifactId reactor), not after the clone's directory.
File reports = new File(basedir, 'target/liveupdate')
String history = new File(reports, 'history.json').text
assert history.contains('"attempted" : 2') && history.contains('"reason" : "ROOT_COMMIT"')
assert history.contains('"status" : "ANALYZED"') && history.contains('"level" : "ENHANCED"')
assert new File(reports, 'history.csv').readLines().size() == 3
assert new File(reports, 'history.html').text.contains('100.0 % more with enhanced redefinition')
assert log.contains('update: 0.0 % of the code-changing commits of reactor could have been applied with standard HotSwap, 100.0 % more with enhanced redefinition; coverage 50.0 % (1 of 2 analyzed)')
assert !new File(basedir, 'core/target/liveupdate/history.json').exists()
// The history-report of mvn site: the same headline, the two charts beside it, the full report linked.
File site = new File(basedir, 'target/site')
String page = new File(site, 'history-report.html').text
assert page.contains('0.0 % of the code-changing commits of reactor could have been applied with standard HotSwap')
assert page.contains('src="history-share.svg"') && page.contains('src="history-cumulative.svg"')
assert page.contains('grey: NONE, green: HOTSWAP, blue: ENHANCED, orange: TRANSFORM, red: RESTART'): 'a legend in words'
assert new File(site, 'history-share.svg').text.contains('<g class="period"')
assert page.contains('href="history.html"') && new File(site, 'history.html').text.contains('id="commits"')
return true
