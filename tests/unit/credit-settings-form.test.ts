import { parseCredits, percent } from '../../src/packages/committee/logic/credit-input';
import { addModule, fromDraft, newModuleId, sumOfMinimums, toDraft } from '../../src/packages/committee/logic/credit-settings-draft';
import type { CreditSettingsView } from '../../types/models';

/** 模块与毕业要求: what the committee types (学分) and what is sent (hundredths). */
function settings(over: Partial<CreditSettingsView> = {}): CreditSettingsView {
  return {
    modules: [
      { id: 'service', name: '社会实践与志愿服务', order: 2, active: true },
      { id: 'ideology', name: '思想政治与道德修养', order: 1, active: true },
    ],
    requirement: { overallMin: 1000, perModule: { ideology: 200, service: 250 } },
    noShow: { enabled: false, threshold: 2, module: 'ideology', amount: 25 },
    ...over,
  };
}

describe('credits typed by the committee', () => {
  it.each([
    ['2', 200],
    ['2.5', 250],
    ['0.25', 25],
    ['0', 0],
    [' 10 ', 1000],
    ['１．５', 150],
    ['3.', 300],
  ])('reads %p as %p hundredths', (text, hundredths) => {
    expect(parseCredits(text)).toBe(hundredths);
  });

  it.each(['', '-1', '0.125', 'abc', '2,5', '1e3'])('refuses %p', (text) => {
    expect(parseCredits(text)).toBeNull();
  });

  it('refuses an amount above the limit it is given', () => {
    expect(parseCredits('10', 10)).toBe(1000);
    expect(parseCredits('10.01', 10)).toBeNull();
  });

  it('rounds shares to whole percentages and gives 0 for nobody', () => {
    expect(percent(37, 120)).toBe(31);
    expect(percent(0, 0)).toBe(0);
  });
});

describe('the settings form', () => {
  it('shows modules in their order with minimums in 学分, and sends hundredths back unchanged', () => {
    const draft = toDraft(settings());
    expect(draft.modules.map((m) => m.id)).toEqual(['ideology', 'service']);
    expect(draft.modules.map((m) => m.min)).toEqual(['2', '2.5']);
    expect(draft.overallMin).toBe('10');
    const out = fromDraft(draft);
    expect(out.ok && out.input.requirement).toEqual({ overallMin: 1000, perModule: { ideology: 200, service: 250 } });
    expect(out.ok && out.input.noShow).toEqual({ enabled: false, threshold: 2, module: 'ideology', amount: 25 });
  });

  it('renames a module without changing its id', () => {
    const draft = toDraft(settings());
    draft.modules[0].name = '  思想成长  ';
    const out = fromDraft(draft);
    expect(out.ok && out.input.modules[0]).toEqual({ id: 'ideology', name: '思想成长', order: 1, active: true });
  });

  it('adds a module with a fresh id the server accepts, after the others, with no minimum', () => {
    const next = addModule(toDraft(settings()), '劳动教育与实践', Date.UTC(2026, 0, 1));
    if (typeof next === 'string') throw new Error(next);
    const added = next.modules[2];
    expect(added).toMatchObject({ name: '劳动教育与实践', order: 3, active: true, added: true, min: '0' });
    expect(added.id).toMatch(/^[a-z][a-z0-9_]{1,31}$/);
    const out = fromDraft(next);
    expect(out.ok && out.input.requirement.perModule[added.id]).toBe(0);
  });

  it('refuses a duplicate or too short module name', () => {
    const draft = toDraft(settings());
    expect(addModule(draft, '思想政治与道德修养', 1)).toMatch(/已有名为/);
    expect(addModule(draft, '劳', 1)).toMatch(/至少 2 个字/);
    draft.modules[1].name = '思想政治与道德修养';
    const out = fromDraft(draft);
    expect(!out.ok && out.message).toMatch(/两个模块都叫/);
  });

  it('never reuses an id in use', () => {
    const id = newModuleId([], 42);
    expect(newModuleId([id], 42)).not.toBe(id);
  });

  it('says which minimum is wrong', () => {
    const draft = toDraft(settings());
    draft.modules[1].min = '2.555';
    const out = fromDraft(draft);
    expect(!out.ok && out.message).toContain('社会实践与志愿服务');
  });

  it('needs a positive penalty and a module only when the no-show penalty is on', () => {
    const draft = toDraft(settings());
    draft.noShow = { enabled: true, threshold: '3', module: 'ideology', amount: '0' };
    expect(fromDraft(draft).ok).toBe(false);
    draft.noShow.amount = '0.5';
    const out = fromDraft(draft);
    expect(out.ok && out.input.noShow).toEqual({ enabled: true, threshold: 3, module: 'ideology', amount: 50 });
  });

  it('keeps at least one module in use', () => {
    const draft = toDraft(settings());
    for (const m of draft.modules) m.active = false;
    expect(fromDraft(draft).ok).toBe(false);
  });

  it('adds up the minimums of the modules in use', () => {
    const draft = toDraft(settings());
    expect(sumOfMinimums(draft)).toBe(450);
    draft.modules[1].active = false;
    expect(sumOfMinimums(draft)).toBe(200);
  });
});
