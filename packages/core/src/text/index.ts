export {
  codePointNotation,
  findHiddenCharacters,
  type HiddenCharacter,
  type HiddenCharacterKind,
  hasHiddenCharacters,
  hiddenCharacterProblem,
  type RevealForm,
  revealHiddenCharacters,
} from './hidden-characters.js';
