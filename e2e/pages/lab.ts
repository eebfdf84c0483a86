// A page object for the lab screen, by accessible names: what a student sees and uses.
import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** A manifest from the seed transcripts (the articles' own YAML). */
export function seedFile(path: string): string {
  return readFileSync(new URL(`../../tests/transcripts/${path}`, import.meta.url), 'utf8');
}

/** The accessible names the page object uses, in both languages of the UI. */
const NAMES = {
  en: { editor: 'Editor', terminal: 'Terminal', terminalInput: 'Terminal input', cluster: 'Cluster', inspector: 'Inspector', speed: 'Speed', newFile: 'New file', rename: 'Rename', newName: /^New name for/ },
  ko: { editor: '편집기', terminal: '터미널', terminalInput: '터미널 입력', cluster: '클러스터', inspector: '상세 정보', speed: '속도', newFile: '새 파일', rename: '이름 바꾸기', newName: /의 새 이름$/ },
};

export class LabPage {
  readonly errors: string[] = [];
  /** The UI language the names are looked up in. */
  lang: 'en' | 'ko' = 'en';

  private get n() {
    return NAMES[this.lang];
  }

  constructor(readonly page: Page) {
    page.on('pageerror', (e) => this.errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(m.text());
    });
  }

  /** A fresh lab: no saved workspace or cluster. */
  async open(opts: { theme?: 'light' | 'dark'; lang?: 'en' | 'ko' } = {}): Promise<void> {
    await this.page.goto('./');
    await this.page.evaluate(() => localStorage.clear());
    await this.page.reload();
    await expect(this.page.getByRole('slider', { name: 'Timeline' })).toBeVisible();
    if (opts.theme === 'dark') await this.page.getByRole('button', { name: /^Theme/ }).click();
  }

  // --- keyboard ---
  /** The focused element's accessible name (aria-label, or its text). */
  async focusedName(): Promise<string> {
    return this.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
    });
  }

  /** Press Tab until the focused element's name matches, as a keyboard user would. */
  async tabTo(name: RegExp, max = 80): Promise<void> {
    for (let i = 0; i < max; i++) {
      if (name.test(await this.focusedName())) return;
      await this.page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${name} (last: ${await this.focusedName()})`);
  }

  /** Paste with Ctrl+V from the system clipboard (keyboard-only; needs clipboard permissions). */
  async pasteWithKeyboard(text: string): Promise<void> {
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('ControlOrMeta+V');
    await this.expectEditorEndsWith(text);
  }

  /** In the focused editor, Ctrl+G to a line: the cursor goes to its first column. */
  async goToLine(line: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.editorRegion.locator('.quick-input-widget input');
    await expect(input).toBeFocused();
    await this.page.keyboard.type(String(line));
    await this.page.keyboard.press('Enter');
    await expect(this.editorRegion.locator('.monaco-editor textarea')).toBeFocused();
  }

  /** Wait until the editor shows `text`'s last line (where the cursor, and so the view, is after a paste). */
  async expectEditorEndsWith(text: string): Promise<void> {
    // A paste reads the clipboard asynchronously: wait until the text is in the editor.
    // After a paste the cursor, and so the view, is at the end: look for the last line.
    const last = text.trim().split('\n').at(-1)!.trim();
    await expect(this.editorRegion.locator('.monaco-editor .view-lines')).toContainText(last.replace(/ /g, '\u00a0'));
  }

  // --- time ---
  async speed(x: number): Promise<void> {
    await this.page.getByRole('combobox', { name: this.n.speed }).selectOption(String(x));
  }

  // --- editor ---
  get editorRegion(): Locator {
    return this.page.getByRole('region', { name: this.n.editor });
  }

  async newFile(name: string): Promise<void> {
    await this.editorRegion.getByRole('button', { name: this.n.newFile }).click();
    await this.editorRegion.getByRole('button', { name: this.n.rename }).click();
    const input = this.editorRegion.getByRole('textbox', { name: this.n.newName });
    await input.fill(name);
    await input.press('Enter');
    await expect(this.editorRegion.getByRole('tab', { name: new RegExp(name.replace('.', '\\.')) })).toHaveAttribute('aria-selected', 'true');
  }

  /** Put text into the editor as a paste would (typing into Monaco auto-indents). */
  async pasteIntoEditor(text: string): Promise<void> {
    const monaco = this.editorRegion.locator('.monaco-editor').first();
    await monaco.waitFor();
    await monaco.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.insertText(text);
  }

  async applyFromEditor(): Promise<void> {
    await this.editorRegion.getByRole('button', { name: /^Apply/ }).click();
  }

  // --- terminal ---
  get terminal(): Locator {
    return this.page.getByRole('region', { name: this.n.terminal });
  }

  async focusTerminal(): Promise<void> {
    await this.terminal.locator('.xterm').click();
  }

  async run(command: string): Promise<void> {
    await this.focusTerminal();
    await this.page.keyboard.type(command);
    await this.page.keyboard.press('Enter');
  }

  /** Type a line and wait for the prompt to come back (the terminal ignores typing while busy). */
  async runAndWait(command: string, timeout = 60_000): Promise<void> {
    await this.run(command);
    await this.waitForPrompt(command, timeout);
  }

  /** Alt+4 to the terminal, type a line and wait for the prompt: the keyboard alone. */
  async typeLine(command: string, timeout = 60_000): Promise<void> {
    await this.page.keyboard.press('Alt+4');
    await expect(this.terminal.getByRole('textbox', { name: this.n.terminalInput })).toBeFocused();
    await this.page.keyboard.type(command);
    await this.page.keyboard.press('Enter');
    await this.waitForPrompt(command, timeout);
  }

  async waitForPrompt(command: string, timeout = 60_000): Promise<void> {
    await expect.poll(async () => /[$#] *$/.test((await this.terminalText()).trimEnd() + ' ') && !(await this.terminalText()).trimEnd().endsWith(command.trim()), { timeout }).toBe(true);
  }

  async terminalText(): Promise<string> {
    return (await this.terminal.locator('.xterm-rows').innerText()).replace(/\u00a0/g, ' ');
  }

  /**
   * Wait until the screen shows `pattern`. The DOM has one element per screen row, so a long
   * line wrapped by the terminal reads as two rows: match with rows joined both ways.
   */
  async expectTerminal(pattern: RegExp, timeout = 15_000): Promise<void> {
    await expect
      .poll(async () => {
        const text = await this.terminalText();
        return pattern.test(text.replace(/\n/g, ' ')) || pattern.test(text.replace(/\n/g, '')) ? 'shown' : text;
      }, { timeout })
      .toBe('shown');
  }

  // --- cluster view ---
  get view(): Locator {
    return this.page.getByRole('region', { name: this.n.cluster });
  }

  pod(name: string): Locator {
    return this.view.locator(`[aria-label^="Pod ${name},"]`).first();
  }

  container(pod: string, container: string): Locator {
    return this.view.locator(`[data-pod="${pod}"] [aria-label*=" ${container}:"], [aria-label*=" ${container}:"][data-pod="${pod}"]`).first();
  }

  async expectPod(name: string, pattern: RegExp, timeout = 30_000): Promise<void> {
    await expect(this.pod(name)).toHaveAttribute('aria-label', pattern, { timeout });
  }

  // --- inspector ---
  get inspector(): Locator {
    return this.page.getByRole('region', { name: this.n.inspector });
  }
}
