import { defineStrings } from '../i18n.ts';

export const terminalStrings = defineStrings({
  en: {
    inputLabel: 'Terminal input',
    toolbar: 'Terminal options',
    screenReader: 'Screen reader mode',
    screenReaderHelp: 'Makes terminal output readable by screen readers',
    stop: 'Stop',
    stopHelp: 'Stop the running command (Ctrl+C)',
    hint: 'Tab: complete · Esc then Tab: leave the terminal · Ctrl+C: stop · Ctrl+Shift+C / V: copy, paste',
  },
  ko: {
    inputLabel: '터미널 입력',
    toolbar: '터미널 옵션',
    screenReader: '화면 낭독기 모드',
    screenReaderHelp: '화면 낭독기가 터미널 출력을 읽을 수 있게 합니다',
    stop: '중지',
    stopHelp: '실행 중인 명령 중지 (Ctrl+C)',
    hint: 'Tab: 자동 완성 · Esc 다음 Tab: 터미널에서 나가기 · Ctrl+C: 중지 · Ctrl+Shift+C / V: 복사, 붙여넣기',
  },
});
