import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { scrollToField, type FieldProblem } from '../../../utils/forms';
import { teamFormProblem } from '../team-view';
import FormField from './FormField';

export interface TeamFormValues {
  name: string;
  project: string;
  mentor: string;
}

interface Props {
  initial?: TeamFormValues;
  submitText: string;
  busy: boolean;
  /** Resolves with the server's refusal, or null when done. */
  onSubmit: (values: TeamFormValues) => Promise<string | null>;
  onCancel?: () => void;
}

/**
 * 团队名称 / 项目名称 / 指导老师: creating a team, and a leader editing it. Hooks: `.team-name-input`,
 * `.team-project-input`, `.team-mentor-input`, `.team-form-submit`, `.team-form-error`.
 */
export default function TeamForm({ initial, submitText, busy, onSubmit, onCancel }: Props) {
  const [values, setValues] = useState<TeamFormValues>(initial ?? { name: '', project: '', mentor: '' });
  // The form's own check names its field (shown under it, scrolled to); the server's refusal shows under the form.
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const edit = (key: keyof TeamFormValues) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setError(null);
    setProblem(null);
  };
  const at = (field: string) => (problem?.field === field ? { message: problem.message, hook: 'team-form-error' } : null);

  async function submit() {
    const found = teamFormProblem(values);
    setProblem(found);
    if (found) {
      setError(null);
      scrollToField(found.field);
      return;
    }
    setError(await onSubmit({ name: values.name.trim(), project: values.project.trim(), mentor: values.mentor.trim() }));
  }

  return (
    <View className='team-form'>
      <FormField label='团队名称' hook='team-name-input' value={values.name} placeholder='如：青禾调研队' maxlength={30} error={at('team-name-input')} onInput={edit('name')} />
      <FormField label='项目名称' hook='team-project-input' value={values.project} placeholder='实践的主题与地点' maxlength={80} error={at('team-project-input')} onInput={edit('project')} />
      <FormField
        label='指导老师'
        hook='team-mentor-input'
        value={values.mentor}
        placeholder='姓名（学院）'
        maxlength={30}
        hint='报名前须填写；可以稍后在“我的团队”中补充'
        onInput={edit('mentor')}
      />
      {error ? <Text className='team-error team-form-error'>{error}</Text> : null}
      <View className='team-form__actions'>
        {onCancel ? (
          <Button className='team-button team-form-cancel' fill='outline' type='default' disabled={busy} onClick={onCancel}>
            取消
          </Button>
        ) : null}
        <Button className='team-button team-form-submit' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
          {submitText}
        </Button>
      </View>
    </View>
  );
}
