import Taro from '@tarojs/taro';

/** A refusal of a form's own check: the message, and the hook of the field it is about. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * A failed save brings the first wrong field into view (a long form on a phone hides most of itself): the page scrolls
 * so the field sits under the header, its error beside it. `hook` is the field's test hook class (`.bind-name`…),
 * present on both platforms.
 */
export function scrollToField(hook: string): void {
  // After the error line is drawn, so the field does not move once scrolled to.
  setTimeout(() => void Taro.pageScrollTo({ selector: `.${hook}`, offsetTop: -96, duration: 200 }), 30);
}
