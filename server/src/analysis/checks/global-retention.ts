// global-retention: data that functions store in module globals. A module's namespace dict is owned by its module
// object, and `sys.modules` holds every imported module until interpreter shutdown (Python/pylifecycle.c
// `finalize_modules`), so whatever a global refers to is never freed by reference counting or the cyclic GC.
//   MEM201 a module-level container that functions grow and nothing shrinks (growing-container.ts)
//   MEM202 a `global` name functions accumulate into, never reset (global-statements.ts)
//   MEM203 any other write through `global` (hint; the peers' global-statement rule)
import type { Check } from '../check';
import type { Finding } from '../finding';
import { ModuleNameUses } from '../syntax/module-name-uses';
import { enclosingFunction } from '../syntax/scopes';
import { growingContainerFinding, growthSites, MEM201, moduleContainers } from './global-retention/growing-container';
import { accumulatingGlobals, accumulationFinding, isLazyInitialisation, MEM202, MEM203, rebindingFinding, writesInFunction } from './global-retention/global-statements';

export const globalRetentionCheck: Check = {
  id: 'global-retention',
  rules: [MEM201, MEM202, MEM203],
  nodeTypes: ['global_statement'],
  run(ctx) {
    const findings: Finding[] = [];
    const uses = new ModuleNameUses(ctx.root, ctx.text);
    const containers = moduleContainers(ctx);
    const containerNames = new Set(containers.map((c) => c.name));
    /** Growth sites already reported by MEM201, so the `global` statements that lead to them are not reported again. */
    const reportedGrowth = new Set<number>();
    for (const container of containers) {
      const sites = growthSites(container, uses, ctx);
      if (!sites || sites.length === 0) continue;
      findings.push(growingContainerFinding(container, sites));
      for (const s of sites) reportedGrowth.add(s.node.id);
    }

    const globals = ctx.nodesOfType('global_statement').filter((g) => enclosingFunction(g)?.type === 'function_definition');
    if (globals.length === 0) return findings;
    const accumulating = accumulatingGlobals(ctx, globals, uses, containerNames);
    for (const statement of globals) {
      const writes = writesInFunction(statement, uses);
      const fn = enclosingFunction(statement);
      for (const declared of statement.namedChildren) {
        const sites = declared ? accumulating.get(declared.text) : undefined;
        // Reported where the accumulating function declares the name global.
        if (!declared || !sites?.some((s) => s.function.id === fn?.id)) continue;
        findings.push(accumulationFinding(statement, declared.text, sites));
        writes.delete(declared.text);
      }
      for (const [name, ids] of [...writes]) {
        // A container's growth (`global C; C += [x]`) is MEM201's finding already.
        if (containerNames.has(name) && ids.every((id) => reportedGrowth.has(id.parent?.id ?? -1))) writes.delete(name);
      }
      if (writes.size > 0 && !isLazyInitialisation(statement, writes)) findings.push(rebindingFinding(statement, writes));
    }
    return findings;
  },
};
