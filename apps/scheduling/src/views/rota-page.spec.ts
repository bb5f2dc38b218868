import { RotaViewV1 } from '@maillage/contracts';
import { renderRotaPage } from './rota-page';

const rota: RotaViewV1 = {
  rotaId: 'r',
  jobId: 'j',
  status: 'published',
  revision: 2,
  siteIds: ['s'],
  periodStart: '2027-03-01',
  periodEnd: '2027-03-02',
  hard: 0,
  soft: 1000,
  updatedAt: '2027-01-01T00:00:00.000Z',
  shifts: [
    {
      shiftId: 'a',
      siteId: 's',
      label: 'Parc expo — Ligne 1',
      kind: 'vaccination',
      startsAt: '2027-03-01T08:00:00+01:00',
      endsAt: '2027-03-01T13:00:00+01:00',
      needs: [
        { role: 'doctor', count: 1 },
        { role: 'nurse', count: 1 },
      ],
      assignees: [{ memberId: 'm1', displayName: 'Dr <Martin>', role: 'doctor' }],
      unfilled: [
        {
          role: 'nurse',
          missing: 1,
          explanation:
            'Monday 2027-03-01 08:00–13:00, Parc expo — Ligne 1: 1 nurse missing — 0 members available',
        },
      ],
    },
  ],
};

describe('rota page', () => {
  it('lays out days across and time bands down, names escaped, gaps in red with the explanation', () => {
    const html = renderRotaPage(rota, {
      title: 'Parc expo',
      subtitle: 'Planning du site',
      siteId: 's',
    });
    expect(html).toContain('<th>lun. 01/03</th><th>mar. 02/03</th>');
    expect(html).toContain('<span class="role" title="médecin">méd.</span>');
    expect(html).toContain('<th class="band">08:00–13:00</th>');
    expect(html).toContain('Dr &lt;Martin&gt;');
    expect(html).not.toContain('Dr <Martin>');
    expect(html).toMatch(
      /<li class="gap"[^>]*><strong>manque 1 infirmier·e<\/strong><br><small>Monday 2027-03-01 08:00–13:00/,
    );
    expect(html).toContain('1 poste non pourvu');
  });

  it("shows a member only their own shifts, without the coordinators' gaps", () => {
    const mine = renderRotaPage(rota, {
      title: 'Dr Martin',
      subtitle: 'Mes gardes',
      memberId: 'm1',
    });
    expect(mine).toContain('Parc expo — Ligne 1');
    expect(mine).not.toContain('class="gap"');
    const someoneElse = renderRotaPage(rota, {
      title: 'X',
      subtitle: 'Mes gardes',
      memberId: 'm2',
    });
    expect(someoneElse).toContain('Aucune garde');
  });
});
